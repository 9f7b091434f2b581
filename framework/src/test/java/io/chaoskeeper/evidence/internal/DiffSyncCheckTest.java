package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** ZooKeeper's new-epoch warnings in server logs of real runs (SetIT, local backend, 1 December 2026), per run. */
class DiffSyncCheckTest {

    /** package-partition-then-kill-leader-2: zk5's DIFF went from 0x50000089d to 0x700000319 (ZOOKEEPER-2846). */
    private static final Instant PARTITION_RUN = Instant.parse("2026-12-01T15:18:25.969977664Z");
    /** package-pause-leader-2, the next run of the same ensemble: zk5's log still holds that line. */
    private static final Instant NEXT_RUN = Instant.parse("2026-12-01T15:19:27.314942717Z");
    /** package-kill-during-sync-2: zk1's DIFF went from 0xe0000245a to 0xf00000001, a new epoch's first. */
    private static final Instant KILL_DURING_SYNC_RUN = Instant.parse("2026-12-01T15:20:22.262876079Z");
    /** zk5's last line in package-kill-during-sync-2, 92 s after the hole of the first run. */
    private static final String LATER_LINE = "15:21:07.288 [NIOWorkerThread-3] INFO "
            + "org.apache.zookeeper.server.NIOServerCnxn - Processing mntr command from /127.0.0.1:36262";

    @TempDir
    Path run;

    @Test
    void aNewEpochEnteredPastItsFirstProposalIsAHole() throws Exception {
        copyLog("zk5", "diff-hole-zk5.log");

        CheckResult r = DiffSyncCheck.of(List.of(facts("zk5")), run, PARTITION_RUN, end(PARTITION_RUN, 48_978));

        assertThat(r.checker()).isEqualTo("server-sync");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("diff-sync-hole");
            assertThat(a.data()).containsEntry("node", "zk5").containsEntry("zxid", "0x700000319")
                    .containsEntry("lastQueued", "0x50000089d").containsEntry("skipped", "0x700000001..0x700000318")
                    .containsEntry("logTime", "15:18:50.055").containsEntry("time", 24_085_022_336L);
            assertThat(a.message()).startsWith("zk5 synced with its leader and skipped the committed transactions "
                    + "0x700000001..0x700000318: at 15:18:50.055");
        });
        assertThat(r.stats()).containsEntry("newEpochAtCounterOne", 0L).containsEntry("servers", 1);
    }

    @Test
    void theLineOfAnEarlierRunOfTheSameEnsembleDoesNotCount() throws Exception {
        copyLog("zk5", "diff-hole-zk5.log");

        CheckResult r = DiffSyncCheck.of(List.of(facts("zk5")), run, NEXT_RUN, end(NEXT_RUN, 46_221));

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("newEpochAtCounterOne", 0L);
    }

    @Test
    void norTheLineOfARunMoreThanAMinuteEarlier() throws Exception {
        copyLog("zk5", "diff-hole-zk5.log");
        Path log = run.resolve("nodes/zk5.log");
        Files.writeString(log, Files.readString(log) + LATER_LINE + "\n");

        CheckResult r = DiffSyncCheck.of(List.of(facts("zk5")), run, KILL_DURING_SYNC_RUN,
                end(KILL_DURING_SYNC_RUN, 45_007));

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aNewEpochEnteredAtCounterOneIsNoHole() throws Exception {
        copyLog("zk1", "new-epoch-zk1.log");

        CheckResult r = DiffSyncCheck.of(List.of(facts("zk1")), run, KILL_DURING_SYNC_RUN,
                end(KILL_DURING_SYNC_RUN, 45_007));

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.summary()).isEqualTo("no sync skipped a new epoch's first transactions in 1 server's log");
        assertThat(r.stats()).containsEntry("newEpochAtCounterOne", 1L);
    }

    @Test
    void serversWithoutALogAreNamedAndNoLogAtAllIsUnknown() throws Exception {
        ServerFacts uncopied = new ServerFacts("zk2", NodeState.DOWN, null, null, Map.of());
        Instant end = end(NEXT_RUN, 46_221);
        CheckResult none = DiffSyncCheck.of(List.of(uncopied), run, NEXT_RUN, end);
        assertThat(none.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(none.summary()).isEqualTo("no server's log was copied");

        copyLog("zk1", "new-epoch-zk1.log");
        CheckResult r = DiffSyncCheck.of(List.of(facts("zk1"), uncopied), run, NEXT_RUN, end);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.summary()).endsWith("in 1 server's log (zk2 not copied)");
        assertThat(r.stats()).containsEntry("unread", List.of("zk2"));
    }

    private void copyLog(String node, String resource) throws Exception {
        Files.createDirectories(run.resolve("nodes"));
        Path source = Path.of(Objects.requireNonNull(getClass().getResource("/sync-logs/" + resource)).toURI());
        Files.copy(source, run.resolve("nodes/" + node + ".log"));
    }

    /** A run's end from its {@code durationMs}. */
    private static Instant end(Instant start, long durationMs) {
        return start.plusMillis(durationMs);
    }

    private static ServerFacts facts(String node) {
        return new ServerFacts(node, NodeState.FOLLOWER, 9L, 0L, Map.of("log", "nodes/" + node + ".log"));
    }
}
