package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * srvr and mntr answers of ZooKeeper 3.9.4, captured from a node, and of 3.8.4, written after 3.8's StatCommand
 * and MonitorCommand (no 3.8 server in the offline cache; the 3.8 and 3.9 commands print the same lines).
 */
class FourLetterWordsTest {

    @ParameterizedTest
    @CsvSource({"srvr-3.9.4-leader.txt, LEADER, 0x300000026, 3", "srvr-3.9.4-follower.txt, FOLLOWER, 0x20000019f, 2",
            "srvr-3.8.4-leader.txt, LEADER, 0x100000004, 1"})
    void srvrGivesModeZxidAndEpoch(String file, NodeState state, String zxid, long epoch) throws IOException {
        FourLetterWords.Srvr srvr = FourLetterWords.srvr(answer(file));
        assertThat(srvr).isEqualTo(new FourLetterWords.Srvr(state, Long.decode(zxid)));
        assertThat(srvr.epoch()).isEqualTo(epoch);
    }

    @Test
    void aServerThatDoesNotServeIsLookingWithoutZxid() throws IOException {
        FourLetterWords.Srvr srvr = FourLetterWords.srvr(answer("srvr-not-serving.txt"));
        assertThat(srvr.state()).isEqualTo(NodeState.LOOKING);
        assertThat(srvr.zxid()).isNull();
        assertThat(srvr.epoch()).isNull();
    }

    @Test
    void noAnswerIsNoSrvr() {
        assertThat(FourLetterWords.srvr("")).isNull();
        assertThat(FourLetterWords.srvr(null)).isNull();
    }

    @Test
    void mntrOf38GivesItsDigestMismatchCount() throws IOException {
        var mntr = FourLetterWords.mntr(answer("mntr-3.8.4-leader.txt"));
        assertThat(mntr).containsEntry("zk_server_state", "leader").containsEntry("zk_version",
                "3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC");
        assertThat(FourLetterWords.digestMismatches(mntr)).isZero();
    }

    @Test
    void mntrOf39GivesItsDigestMismatchCount() throws IOException {
        var mntr = FourLetterWords.mntr(answer("mntr-3.9.4-follower-mismatched.txt"));
        assertThat(mntr).containsEntry("zk_peer_state", "following - broadcast");
        assertThat(FourLetterWords.digestMismatches(mntr)).isEqualTo(2L);
    }

    @Test
    void mntrOfAServerThatDoesNotServeHasNoCount() throws IOException {
        var mntr = FourLetterWords.mntr(answer("srvr-not-serving.txt"));
        assertThat(mntr).isEmpty();
        assertThat(FourLetterWords.digestMismatches(mntr)).isNull();
        assertThat(FourLetterWords.digestMismatches(FourLetterWords.mntr(""))).isNull();
    }

    static String answer(String name) throws IOException {
        try (InputStream in = FourLetterWordsTest.class.getResourceAsStream("/io/chaoskeeper/evidence/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
