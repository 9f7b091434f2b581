package io.chaoskeeper.evidence.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server logs of real runs (the lines about syncs, snapshots and digests), read into episodes. */
class DigestLogTest {

    @TempDir
    Path dir;

    @Test
    void mismatchesFromTheSnapshotOnUntilTheSyncsEndAreOneSnapshotSyncWindow() throws Exception {
        List<DigestLog.Episode> episodes = DigestLog.read(log("rolling-restart-zk1.log"));
        assertThat(episodes).containsExactly(
                new DigestLog.Episode(0x20000e1b9L, 0x20000e25eL, 166, 0x20000e1b8L, 0x20000e280L));
        assertThat(episodes.get(0).inSnapshotSync()).isTrue();
    }

    @Test
    void aWindowMayStartBelowTheSnapshotWhereTheLeaderStartedForwarding() throws Exception {
        assertFirstEpisode("pause-leader-zk5.log",
                new DigestLog.Episode(0x600000855L, 0x60000085fL, 11, 0x600000860L, 0x600000860L), true);
    }

    @Test
    void mismatchesAfterATruncationAreInNoSnapshotSync() throws Exception {
        assertFirstEpisode("truncated-3.8.4-zk3.log",
                new DigestLog.Episode(0x600000001L, 0x600000001L, 1, null, null), false);
    }

    @Test
    void mismatchesGoingOnAfterTheSyncEndedLeaveTheWindow() throws Exception {
        Path log = withLine("rolling-restart-zk1.log", "12:08:41.000 [CommitProcessor:1] WARN DataTree - [3 times]"
                + " Message: Digests are not matching. Value is Zxid. Last value:" + 0x20000e290L);
        DigestLog.Episode e = DigestLog.read(log).get(0);
        assertThat(e.count()).isEqualTo(169);
        assertThat(e.last()).isEqualTo(0x20000e290L);
        assertThat(e.inSnapshotSync()).isFalse();
    }

    @Test
    void anErrorTransactionInsideTheWindowCarriesNoDigestAndKeepsTheWindow() throws Exception {
        // CasRegisterIT: 0x60000048e is the error txn of a failed cas (no digest, not compared): 3 mismatches over 4
        assertFirstEpisode("error-txn-in-window-zk3.log",
                new DigestLog.Episode(0x60000048dL, 0x600000490L, 3, 0x60000048cL, 0x6000004a4L), true);
    }

    @Test
    void errorTransactionsRightAfterTheSnapshotDelayTheWindowsStart() throws Exception {
        // CrossVersionIT on 3.9.4: 0x2000004df-0x2000004e1 are failed cas (error -103 in the leader's txn log), so
        // the first transaction compared after the snapshot 0x2000004de is 0x2000004e2
        assertFirstEpisode("error-txns-before-window-zk3.log",
                new DigestLog.Episode(0x2000004e2L, 0x2000004e4L, 3, 0x2000004deL, 0x200000502L), true);
    }

    @Test
    void aWindowEndsByTheSyncAndCountsNoMoreThanItsZxids() {
        assertThat(new DigestLog.Episode(10, 20, 5, 9L, 30L).inSnapshotSync()).isTrue();
        assertThat(new DigestLog.Episode(12, 20, 9, 9L, 30L).inSnapshotSync()).as("after uncompared txns").isTrue();
        assertThat(new DigestLog.Episode(10, 20, 11, 9L, null).inSnapshotSync()).as("sync never ended").isFalse();
        assertThat(new DigestLog.Episode(10, 31, 5, 9L, 30L).inSnapshotSync()).as("past the sync").isFalse();
        assertThat(new DigestLog.Episode(10, 20, 12, 9L, 30L).inSnapshotSync()).as("more than its zxids").isFalse();
    }

    @Test
    void anUnreadableLogIsOneSentence() {
        assertThatThrownBy(() -> DigestLog.read(dir.resolve("absent.log")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the server log ")
                .hasMessageContaining("absent.log could not be read");
    }

    /** The log's first episode is this one, and is (or is not) a snapshot-sync window. */
    private static void assertFirstEpisode(String resource, DigestLog.Episode expected, boolean inSnapshotSync)
            throws URISyntaxException {
        DigestLog.Episode e = DigestLog.read(log(resource)).get(0);
        assertThat(e).isEqualTo(expected);
        assertThat(e.inSnapshotSync()).isEqualTo(inSnapshotSync);
    }

    static Path log(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DigestLogTest.class.getResource("/digest-logs/" + name)).toURI());
    }

    private Path withLine(String name, String line) throws IOException, URISyntaxException {
        Path copy = dir.resolve(name);
        Files.writeString(copy, Files.readString(log(name)) + line + "\n");
        return copy;
    }
}
