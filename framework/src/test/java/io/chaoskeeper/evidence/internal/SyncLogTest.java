package io.chaoskeeper.evidence.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyncLogTest {

    @TempDir
    Path dir;

    @Test
    void readsEachKindOfSyncOnTheHistorysClockAndSkipsWhatCameBeforeTheRun() throws Exception {
        String learner = " [QuorumPeer[myid=1](plain=0.0.0.0:2181)(secure=disabled)] INFO "
                + "org.apache.zookeeper.server.quorum.Learner - ";
        Path log = Files.writeString(dir.resolve("zk1.log"), String.join("\n",
                "10:00:01.000" + learner + "Getting a diff from the leader 0x0",
                "10:00:05.250" + learner + "Getting a diff from the leader 0x100000042",
                "10:00:06.000 [main] INFO org.apache.zookeeper.server.quorum.QuorumPeerConfig - Reading configuration",
                "10:00:07.500" + learner + "Getting a snapshot from leader 0x2000001f4",
                "10:00:09.000 [QuorumPeer] WARN org.apache.zookeeper.server.quorum.Learner - "
                        + "Truncating log to get in sync with the leader 0x200000010",
                "10:00:09.0"));

        List<SyncLog.Sync> syncs = SyncLog.read(log, Instant.parse("2026-12-01T10:00:05Z"),
                Instant.parse("2026-12-01T10:00:12Z"));

        assertThat(syncs).containsExactly(
                new SyncLog.Sync(250_000_000L, "diff", 0x100000042L),
                new SyncLog.Sync(2_500_000_000L, "snapshot", 0x2000001f4L),
                new SyncLog.Sync(4_000_000_000L, "truncate", 0x200000010L));
    }

    @Test
    void aRunAcrossMidnightPlacesTheMorningAfterTheEvening() throws Exception {
        Path log = Files.writeString(dir.resolve("zk2.log"), "00:00:01.000 [QuorumPeer] INFO "
                + "org.apache.zookeeper.server.quorum.Learner - Getting a diff from the leader 0x100000001\n");

        assertThat(SyncLog.read(log, Instant.parse("2026-12-01T23:59:59Z"), Instant.parse("2026-12-02T00:00:10Z")))
                .containsExactly(new SyncLog.Sync(2_000_000_000L, "diff", 0x100000001L));
    }

    @Test
    void aMissingLogHasNoSyncs() {
        assertThat(SyncLog.read(dir.resolve("absent.log"), Instant.now(), Instant.now())).isEmpty();
    }

    /** A per-class ensemble's log holds the runs before: their lines are not this run's, however long ago. */
    @Test
    void linesOfEarlierRunsAndLinesLoggedOutOfOrderArePlacedRight() throws Exception {
        String learner = " [QuorumPeer] INFO org.apache.zookeeper.server.quorum.Learner - ";
        Path log = Files.writeString(dir.resolve("zk3.log"), String.join("\n",
                "23:10:00.000" + learner + "Getting a diff from the leader 0x100000001",
                "09:58:00.000" + learner + "Getting a diff from the leader 0x200000001",
                "10:00:07.010" + learner + "Getting a snapshot from leader 0x300000001",
                "10:00:07.005 [SyncThread:3] INFO org.apache.zookeeper.server.persistence.FileTxnLog - New log",
                "10:00:08.000 [NIOWorkerThread-1] INFO org.apache.zookeeper.server.NIOServerCnxn - Processing srvr"));

        assertThat(SyncLog.read(log, Instant.parse("2026-12-02T10:00:05Z"), Instant.parse("2026-12-02T10:00:09Z")))
                .containsExactly(new SyncLog.Sync(2_010_000_000L, "snapshot", 0x300000001L));
    }

    @Test
    void aServerSilentDuringTheRunHasNoSyncInIt() throws Exception {
        Path log = Files.writeString(dir.resolve("zk4.log"), "09:58:00.000 [QuorumPeer] INFO "
                + "org.apache.zookeeper.server.quorum.Learner - Getting a diff from the leader 0x200000001\n");

        assertThat(SyncLog.read(log, Instant.parse("2026-12-02T10:00:05Z"), Instant.parse("2026-12-02T10:00:09Z")))
                .isEmpty();
    }
}
