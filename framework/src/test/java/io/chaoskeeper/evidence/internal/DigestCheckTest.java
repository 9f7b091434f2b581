package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DigestCheckTest {

    @TempDir
    Path run;

    @Test
    void noMismatchOnAnyServerIsValid() {
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L), facts("zk2", NodeState.FOLLOWER,
                0L)), Map.of(), run);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.checker()).isEqualTo("server-digest");
        assertThat(r.summary()).isEqualTo("no digest mismatch on 2 servers");
    }

    @Test
    void mismatchesCountedBeforeTheRunAreNotItsOwn() {
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.FOLLOWER, 166L)), Map.of("zk1", 166L), run);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.summary()).isEqualTo("no digest mismatch on 1 server");
    }

    @Test
    void mismatchesOfASnapshotSyncWindowAreListedNotFailed() throws Exception {
        copyLog("zk1", "rolling-restart-zk1.log");
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.FOLLOWER, 166L),
                facts("zk2", NodeState.LEADER, 0L)), Map.of("zk1", 0L, "zk2", 0L), run);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.summary()).isEqualTo("no unexplained digest mismatch on 2 servers; zk1 counted 166 while"
                + " loading its leader's snapshot 0x20000e1b8 (docs/findings/digest-mismatch-after-restart.md)");
        assertThat((List<?>) r.stats().get("snapshotSyncWindows")).singleElement().isEqualTo(Map.of("node", "zk1",
                "snapshot", "0x20000e1b8", "first", "0x20000e1b9", "last", "0x20000e25e", "syncEnd", "0x20000e280",
                "count", 166L));
    }

    @Test
    void aServerThatRestartedCountsFromZeroAndAnUnloggedTailMustFitItsWindow() throws Exception {
        copyLog("zk1", "rolling-restart-zk1.log");
        assertThat(DigestCheck.of(List.of(facts("zk1", NodeState.FOLLOWER, 170L)), Map.of("zk1", 900L), run)
                .verdict()).isEqualTo(Verdict.VALID);
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.FOLLOWER, 250L)), Map.of(), run);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies().get(0).message()).contains("(84 were never logged)");
    }

    @Test
    void mismatchesOutsideASnapshotSyncAreAnAnomalyNamingTheServerAndItsRole() throws Exception {
        copyLog("zk3", "truncated-3.8.4-zk3.log");
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L),
                facts("zk3", NodeState.FOLLOWER, 24L), facts("zk2", NodeState.DOWN, null)), Map.of(), run);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("digest-mismatch");
            assertThat(a.servers()).containsExactly(new ServerRole("zk3", "follower", 1L));
            assertThat(a.message()).isEqualTo("zk3 (follower, epoch 1) counted 24 digest mismatches with its leader"
                    + " in this run that no snapshot sync explains (mismatches from zxid 0x600000001 to 0x600000001"
                    + " were counted outside any snapshot sync): its data tree diverged from the leader's (see"
                    + " nodes/zk3.log)");
        });
        assertThat(r.stats()).containsEntry("unanswered", List.of("zk2"));
    }

    @Test
    void aMismatchWithoutALogIsUnexplained() {
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.FOLLOWER, 2L)), Map.of(), run);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).contains("(its log was not copied)");
    }

    @Test
    void aServerThatDidNotSayIsNamedAndNoCountAtAllIsUnknown() {
        assertThat(DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L), facts("zk2", NodeState.PAUSED, null)),
                Map.of(), run).summary()).isEqualTo("no digest mismatch on 1 server (zk2 did not say)");
        assertThat(DigestCheck.of(List.of(facts("zk1", NodeState.DOWN, null)), Map.of(), run).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    private void copyLog(String node, String resource) throws Exception {
        Files.createDirectories(run.resolve("nodes"));
        Files.copy(DigestLogTest.log(resource), run.resolve("nodes/" + node + ".log"));
    }

    private static ServerFacts facts(String node, NodeState state, Long mismatches) {
        return new ServerFacts(node, state, state.isServing() ? 1L : null, mismatches,
                Map.of("log", "nodes/" + node + ".log"));
    }
}
