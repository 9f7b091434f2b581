package io.chaoskeeper.check;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.History;
import io.chaoskeeper.run.internal.DataArchives;
import io.chaoskeeper.run.internal.DirectoryTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1")) {
            zk1.txns(1, 1, 3).txns(2, 3, 4);
        }
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged());

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("zab-log-hole");
            assertThat(a.message()).contains("0x200000001..0x200000002");
        });
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
        DoctoredLogs logs = new DoctoredLogs(dir);
        try (var zk1 = logs.server("zk1")) {
            zk1.snapshot(zxid(1, 20)).txns(1, 21, 22);
        }
        CheckResult result = ZabLogChecker.ofDataDirectories(logs.directories()).check(acknowledged(zxid(1, 7)));

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
