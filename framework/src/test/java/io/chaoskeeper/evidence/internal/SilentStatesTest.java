package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A slow engine: what it says is used when it says it, and only for the silence it was asked about. */
class SilentStatesTest {

    private static final long WAIT = TimeUnit.MILLISECONDS.toNanos(20);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Semaphore engine = new Semaphore(0);
    private final ZooKeeperNode node = new ZooKeeperNode(1, "zk1", "c1", "10.0.0.1",
            new InetSocketAddress("127.0.0.1", 1));
    private final SilentStates states = new SilentStates(new EvidenceSource() {
        @Override
        public NodeState silentState(ZooKeeperNode n) {
            engine.acquireUninterruptibly();
            return NodeState.PAUSED;
        }

        @Override
        public void copyLog(ZooKeeperNode n, Path target) {
        }
    }, pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLateAnswerServesTheSameSilenceOnly() throws Exception {
        assertThat(states.of(node, 80, WAIT)).isEqualTo(new SilentStates.Silent(NodeState.DOWN,
                "no answer to srvr within 80 ms; its container state is not known yet"));
        engine.release();
        SilentStates.Silent later = states.of(node, 80, WAIT);
        for (long deadline = System.nanoTime() + 10_000_000_000L; later.state() != NodeState.PAUSED
                && System.nanoTime() < deadline; ) {
            later = states.of(node, 80, WAIT);
        }
        assertThat(later).as("the late answer, while the next question waits")
                .isEqualTo(new SilentStates.Silent(NodeState.PAUSED, "paused"));
        states.answered(node);
        assertThat(states.of(node, 80, WAIT)).as("a new silence: nothing known yet")
                .isEqualTo(new SilentStates.Silent(NodeState.DOWN,
                        "no answer to srvr within 80 ms; its container state is not known yet"));
        engine.release(2);
    }
}
