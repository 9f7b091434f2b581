package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server's facts say of its log, against a port where nothing answers (no server needed). */
class ServerFactsTest {

    @TempDir
    Path run;

    @Test
    void aCopiedLogIsNamedAndFound() throws IOException {
        ServerFacts facts = ServerFacts.gather(silentNode(), copying("a log line\n"), run, Duration.ZERO);

        assertThat(facts.json()).containsEntry("log", "nodes/zk1.log").doesNotContainKey("logError");
        assertThat(facts.copiedLog(run)).contains(run.resolve("nodes/zk1.log"));
        assertThat(facts.state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void aSourceWithoutLogsNamesNoLogFile() throws IOException {
        ServerFacts facts = ServerFacts.gather(silentNode(), EvidenceSource.none(), run, Duration.ZERO);

        assertThat(facts.json()).doesNotContainKeys("log", "logError");
        assertThat(facts.copiedLog(run)).isEmpty();
    }

    @Test
    void aLogThatCannotBeCopiedIsSaidInOneSentence() throws IOException {
        EvidenceSource broken = new EvidenceSource() {
            @Override
            public NodeState silentState(ZooKeeperNode node) {
                return NodeState.DOWN;
            }

            @Override
            public void copyLog(ZooKeeperNode node, Path target) throws IOException {
                throw new IOException("the container is gone");
            }
        };
        ServerFacts facts = ServerFacts.gather(silentNode(), broken, run, Duration.ZERO);

        assertThat(facts.json()).containsEntry("logError", "the log could not be copied: the container is gone")
                .doesNotContainKey("log");
        assertThat(facts.copiedLog(run)).isEmpty();
    }

    private static EvidenceSource copying(String content) {
        return new EvidenceSource() {
            @Override
            public NodeState silentState(ZooKeeperNode node) {
                return NodeState.DOWN;
            }

            @Override
            public void copyLog(ZooKeeperNode node, Path target) throws IOException {
                Files.createDirectories(target.getParent());
                Files.writeString(target, content);
            }
        };
    }

    /** A node at a loopback port that was free a moment ago: every four-letter word fails at once. */
    private static ZooKeeperNode silentNode() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new ZooKeeperNode(1, "zk1", "c1", "127.0.0.1", new InetSocketAddress("127.0.0.1", port));
    }
}
