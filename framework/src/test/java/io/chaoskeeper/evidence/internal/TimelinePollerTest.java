package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller against fake servers on loopback: one leads, one follows, one is silent (its "container" paused). */
class TimelinePollerTest {

    @TempDir
    Path dir;
    private final List<ServerSocket> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void everyServerIsSampledEvery100MsFollowersNameTheirLeaderAndASilentOneIsAskedAbout() throws Exception {
        ZooKeeperNode leader = answering(1, FourLetterWordsTest.answer("srvr-3.8.4-leader.txt"));
        ZooKeeperNode follower = answering(2, FourLetterWordsTest.answer("srvr-3.8.4-leader.txt")
                .replace("Mode: leader", "Mode: follower").replace("0x100000004", "0x100000002"));
        ZooKeeperNode silent = silent(3);
        Set<String> askedAbout = ConcurrentHashMap.newKeySet();
        EvidenceSource source = new EvidenceSource() {
            @Override
            public NodeState silentState(ZooKeeperNode node) {
                askedAbout.add(node.name());
                return NodeState.PAUSED;
            }

            @Override
            public void copyLog(ZooKeeperNode node, Path target) {
            }
        };
        long start = System.nanoTime();
        Path file = dir.resolve("cluster.jsonl");
        long elapsed;
        try (TimelinePoller poller = new TimelinePoller(List.of(leader, follower, silent), source, start, file)) {
            // a loaded machine runs the polls late: wait for 5 samples of each server, up to 20 s
            while (Stream.of("zk1", "zk2", "zk3").anyMatch(n -> poller.timeline().samples(n).size() < 5)
                    && System.nanoTime() - start < 20_000_000_000L) {
                Thread.sleep(50);
            }
            elapsed = System.nanoTime() - start;
        }
        ClusterTimeline timeline = ClusterTimeline.read(file);
        assertThat(askedAbout).contains("zk3");
        for (String node : List.of("zk1", "zk2", "zk3")) {
            // at least 5 samples, and never more often than every 100 ms
            assertThat(timeline.samples(node)).as(node).hasSizeBetween(5, (int) (elapsed / 100_000_000L) + 2);
        }
        assertThat(timeline.samples("zk2")).anySatisfy(s -> assertThat(s)
                .isEqualTo(new NodeSample(s.time(), "zk2", 2, NodeState.FOLLOWER, 1L, 0x100000002L, 1, null)));
        assertThat(timeline.samples("zk1")).anySatisfy(s -> assertThat(s)
                .isEqualTo(new NodeSample(s.time(), "zk1", 1, NodeState.LEADER, 1L, 0x100000004L, 1, null)));
        assertThat(timeline.samples("zk3")).allSatisfy(s -> assertThat(s.state()).isIn(NodeState.PAUSED,
                NodeState.DOWN)).anySatisfy(s -> {
                    assertThat(s.state()).isEqualTo(NodeState.PAUSED);
                    assertThat(s.error()).isEqualTo("paused");
                });
    }

    @Test
    void aServerIsAskedWhereTheSourceSaysOnceItAnsweredAtItsClientPort() throws Exception {
        String leader = FourLetterWordsTest.answer("srvr-3.8.4-leader.txt");
        ZooKeeperNode node = answering(1, leader);
        ZooKeeperNode own = answering(9, leader.replace("0x100000004", "0x100000009"));
        AtomicInteger chosen = new AtomicInteger();
        EvidenceSource source = new EvidenceSource() {
            @Override
            public NodeState silentState(ZooKeeperNode n) {
                return NodeState.DOWN;
            }

            @Override
            public void copyLog(ZooKeeperNode n, Path target) {
            }

            @Override
            public InetSocketAddress pollAddress(ZooKeeperNode n) {
                chosen.incrementAndGet();
                return own.clientAddress();
            }
        };
        long start = System.nanoTime();
        try (TimelinePoller poller = new TimelinePoller(List.of(node), source, start, dir.resolve("cluster.jsonl"))) {
            while (poller.timeline().samples("zk1").size() < 4 && System.nanoTime() - start < 20_000_000_000L) {
                Thread.sleep(50);
            }
            List<NodeSample> samples = poller.timeline().samples("zk1");
            assertThat(samples.get(0).zxid()).as("the first poll, at the client port").isEqualTo(0x100000004L);
            assertThat(samples.subList(1, samples.size())).as("then at the chosen address")
                    .extracting(NodeSample::zxid).containsOnly(0x100000009L);
        }
        assertThat(chosen).as("the source was asked once").hasValue(1);
    }

    /** A node whose port answers every connection with {@code answer}, as ZooKeeper answers a four-letter word. */
    private ZooKeeperNode answering(int id, String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().readNBytes(4);
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    // the test is over, or the poller gave up on this connection
                }
            }
        }, "fake-zk" + id);
        t.setDaemon(true);
        t.start();
        return node(id, server.getLocalPort());
    }

    /** A node whose port accepts connections but never answers, like a paused container behind a published port. */
    private ZooKeeperNode silent(int id) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        return node(id, server.getLocalPort());
    }

    private static ZooKeeperNode node(int id, int port) {
        return new ZooKeeperNode(id, "zk" + id, "container-" + id, "10.0.0." + id,
                new InetSocketAddress("127.0.0.1", port));
    }
}
