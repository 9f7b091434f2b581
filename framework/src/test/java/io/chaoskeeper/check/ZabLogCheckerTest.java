package io.chaoskeeper.check;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.History;
import io.chaoskeeper.run.internal.DataArchives;
import io.chaoskeeper.run.internal.DirectoryTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.chaoskeeper.check.DoctoredLogs.PATH;
import static io.chaoskeeper.check.DoctoredLogs.zxid;
import static org.assertj.core.api.Assertions.assertThat;

/** The Zab log checker on logs written with ZooKeeper's own classes: a clean ensemble, then one fault each. */
class ZabLogCheckerTest {

    @TempDir
    Path dir;

    /**
     * A correct history with what real runs leave behind: a new epoch, a snapshot, a restart, a server that is
     * behind, and an old leader whose uncommitted proposal 0x10000000b a SNAP sync left dead in its log.
     */
    private DoctoredLogs cleanEnsemble() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1")) {
            zk1.txns(1, 1, 10).snapshot(zxid(1, 8)).roll().txns(2, 1, 5);
        }
        try (var zk2 = logs.server("zk2")) {
            zk2.txns(1, 1, 10).txns(2, 1, 3);
        }
        try (var zk3 = logs.server("zk3")) {
            zk3.txns(1, 1, 11).snapshotWithoutRoll(zxid(2, 3)).txns(2, 4, 5);
        }
        return logs;
    }

    private static History acknowledged(long... zxids) {
        HistoryBuilder h = HistoryBuilder.history();
        double t = 0;
        for (long z : zxids) {
            h.call(1, "write", z, null, t, t + 1).key(PATH).node("zk1").zxid(z);
            t += 2;
        }
        return h.build();
    }

    /** One server's logs as {@code writes} leaves them, checked against a history acknowledging these zxids. */
    private CheckResult oneServer(String name, Consumer<DoctoredLogs.Server> writes, long... okZxids)
            throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var server = logs.server(name)) {
            writes.accept(server);
        }
        return ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged(okZxids));
    }

    @Test
    void cleanLogsAreValid() throws IOException {
        DoctoredLogs logs = cleanEnsemble();
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories())
                .check(acknowledged(zxid(1, 5), zxid(1, 10), zxid(2, 2), zxid(2, 5)));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
        assertThat(result.stats()).containsEntry("acknowledgedZxids", 4L).containsEntry("behind", 1L)
                .containsEntry("txnsRead", 41L);
    }

    @Test
    void aHoleInOneServersLogIsFound() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1"); var zk2 = logs.server("zk2")) {
            zk1.txns(1, 1, 10);
            zk2.txns(1, 1, 5).txns(1, 8, 10);
        }
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-log-hole");
            assertThat(a.data()).containsEntry("nodes", List.of("zk2")).containsEntry("zxid", "0x100000008");
            assertThat(a.message()).contains("zk2", "0x100000006..0x100000007", PATH, "in log.100000001");
        });
    }

    @Test
    void aNewEpochThatDoesNotStartAtCounterOneIsAHole() throws IOException {
        CheckResult result = oneServer("zk1", zk1 -> zk1.txns(1, 1, 3).txns(2, 3, 4));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-log-hole");
            assertThat(a.message()).contains("0x200000001..0x200000002");
        });
    }

    /**
     * ZOOKEEPER-2846 as seen on zk5 (docs/findings/drafts/local-setit-triage.md): the epoch-7 records follow a hole
     * no snapshot covers, and a later snapshot hides it from the replay; its twin, where a SNAP sync wrote
     * {@code snapshot.700000318} before logging from 0x700000319, is sound.
     */
    @Test
    void aHoleBeforeTheLatestSnapshotThatNoSnapshotCoversIsFound() throws IOException {
        CheckResult result = oneServer("zk5",
                zk5 -> zk5.txns(5, 1, 13).txns(7, 0x319, 0x320).snapshot(zxid(9, 5)).txns(9, 6, 8));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-log-hole");
            assertThat(a.data()).containsEntry("nodes", List.of("zk5")).containsEntry("zxid", "0x700000319")
                    .containsEntry("after", "0x50000000d");
            assertThat(a.message()).contains("0x700000001..0x700000318", "no snapshot.700000318 explains the step",
                    "skips them", "in log.500000001");
        });
    }

    @Test
    void aHoleASnapshotSyncCoversIsNoHole() throws IOException {
        CheckResult result = oneServer("zk5", zk5 -> zk5.txns(5, 1, 13).snapshotWithoutRoll(zxid(7, 0x318))
                .txns(7, 0x319, 0x320).snapshot(zxid(9, 5)).txns(9, 6, 8));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    }

    /**
     * A DIFF applied over a sync that broke off (ZOOKEEPER-4643 family, 3.8.4: {@code FileTxnLog - Current zxid ...
     * is <= ...}) logs zxids again; a later snapshot hides the step back from the replay, not from the whole log.
     */
    @Test
    void aStepBackThatNoSnapshotExplainsIsAHole() throws IOException {
        CheckResult result = oneServer("zk2",
                zk2 -> zk2.txns(1, 1, 9).txns(1, 6, 10).snapshot(zxid(1, 10)).txns(2, 1, 2));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-log-hole");
            assertThat(a.data()).containsEntry("zxid", "0x100000006").containsEntry("after", "0x100000009");
            assertThat(a.message()).contains("goes back from 0x100000009 to 0x100000006",
                    "sends 0x100000006..0x100000009 twice");
        });
    }

    /** What real logs hold and must not be taken for a hole. */
    @Test
    void legitimateStepsOfRealLogsAreNoHoles() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var epochs = logs.server("leader"); var restarted = logs.server("restarted");
             var snapped = logs.server("snapped"); var purged = logs.server("purged");
             var rolled = logs.server("rolled")) {
            // a leader's own log across epochs, one of them (2) without any transaction
            epochs.txns(1, 1, 5).txns(3, 1, 4).txns(4, 1, 2);
            // a restart opens log.<first zxid>; a DIFF sync goes on from the last zxid, into the next epoch
            restarted.txns(1, 1, 5).roll().txns(1, 6, 9).txns(2, 1, 3);
            // a SNAP sync after a restart: snapshot.200000007, then the records from 0x200000008 in a new file
            snapped.txns(1, 1, 5).snapshot(zxid(2, 7)).txns(2, 8, 9);
            // purged files: the oldest remaining record follows nothing
            purged.snapshot(zxid(3, 0x18)).txns(3, 0x17, 0x20);
            // ZooKeeper's own snapshots: the log rolls, the (fuzzy) snapshot is named past the new file's first zxid
            rolled.txns(1, 1, 5).roll().snapshotWithoutRoll(zxid(1, 7)).txns(1, 6, 9);
        }
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    }

    /**
     * Autopurge keeps the newest snapshots and the log files their zxids need: here {@code snapshot.200000007} of
     * a SNAP sync is gone while the file holding its step 0x100000005 → 0x200000008 stays, so that step is not
     * judged; a hole above the oldest snapshot left, hidden from the replay by a later snapshot, still is.
     */
    @Test
    void aStepBelowTheOldestSnapshotLeftByAutopurgeIsNotJudged() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1")) {
            zk1.txns(1, 1, 5).snapshotWithoutRoll(zxid(2, 7)).txns(2, 8, 9).snapshot(zxid(2, 9)).txns(2, 10, 12)
                    .txns(2, 14, 15).snapshot(zxid(2, 15)).txns(2, 16, 17);
        }
        Path snapshots = logs.directories().get("zk1").resolve("version-2");
        Files.delete(snapshots.resolve("snapshot.0"));
        Files.delete(snapshots.resolve("snapshot.200000007"));

        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged());

        assertThat(result.anomalies()).singleElement().satisfies(a -> assertThat(a.data())
                .containsEntry("zxid", "0x20000000e"));
    }

    /** A TRUNC sync cuts the file it lands in and deletes the later ones: no record past the cut stays behind. */
    @Test
    void aTruncatedLogIsReadUpToItsCut() throws IOException {
        // TRUNC to 0x100000003, then the leader's epoch-2 proposals applied in memory up to the snapshot
        CheckResult result = oneServer("zk2", zk2 -> zk2.txns(1, 1, 5).roll().txns(1, 6, 10).truncate(zxid(1, 3))
                .snapshotWithoutRoll(zxid(2, 2)).txns(2, 3, 4));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
        assertThat(result.stats()).containsEntry("txnsRead", 5L);
    }

    @Test
    void aDivergentTransactionIsFound() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1"); var zk2 = logs.server("zk2"); var zk3 = logs.server("zk3")) {
            zk1.txns(1, 1, 5);
            zk2.txns(1, 1, 5);
            zk3.txns(1, 1, 2).txn(zxid(1, 3), "another value").txns(1, 4, 5);
        }
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-divergent-txn");
            assertThat(a.data()).containsEntry("nodes", List.of("zk1", "zk3")).containsEntry("zxid", "0x100000003")
                    .containsEntry("paths", List.of(PATH));
        });
    }

    @Test
    void aLostAcknowledgedWriteIsFound() throws IOException {
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1"); var zk2 = logs.server("zk2"); var zk3 = logs.server("zk3")) {
            zk1.txns(1, 1, 10).txns(2, 1, 2);
            zk2.txns(1, 1, 10).txns(2, 1, 2);
            // zk3 was truncated to 0x100000009 and then followed a leader of epoch 2 that never had 0x10000000a
            zk3.txns(1, 1, 9).txns(2, 1, 2);
        }
        History history = acknowledged(zxid(1, 4), zxid(1, 10));
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-lost-write");
            assertThat(a.data()).containsEntry("nodes", List.of("zk3")).containsEntry("zxid", "0x10000000a")
                    .containsEntry("paths", List.of(PATH));
            assertThat(a.operations()).containsExactly(history.operations().get(3).index());
            assertThat(a.message()).contains("zk3 lost zxid 0x10000000a", "0x200000002");
        });
    }

    @Test
    void aWriteCoveredBySnapshotOnlyIsHeld() throws IOException {
        CheckResult result = oneServer("zk1", zk1 -> zk1.snapshot(zxid(1, 20)).txns(1, 21, 22), zxid(1, 7));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void archivesOfARunReadTheSameAsTheDirectories() throws IOException {
        DoctoredLogs logs = cleanEnsemble();
        Path run = dir.resolve("run");
        List<ZooKeeperNode> nodes = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            nodes.add(new ZooKeeperNode(id, "zk" + id, "c" + id, "10.0.0." + id,
                    InetSocketAddress.createUnresolved("127.0.0.1", 2180 + id)));
        }
        DataArchives.write(nodes, n -> DirectoryTar.of(logs.directories().get(n.name())), run.resolve("nodes"),
                DataArchives.DEFAULT_CAP);
        History history = acknowledged(zxid(1, 5), zxid(1, 10), zxid(2, 2), zxid(2, 5));

        CheckResult fromArchives = ZabLogChecker.ofRunDirectory(run).check(history);
        CheckResult fromDirectories = ZabLogChecker.ofDataDirectories(logs.directories()).check(history);

        assertThat(fromArchives.verdict()).as(fromArchives.summary()).isEqualTo(Verdict.VALID);
        assertThat(fromArchives.stats()).isEqualTo(fromDirectories.stats());
    }

    @Test
    void noReadableServerIsUnknown() {
        CheckResult result = ZabLogChecker.ofRunDirectory(dir).check(acknowledged());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.summary()).isEqualTo("no server's data directory was archived");
    }
}
