package io.chaoskeeper.run.internal;

import io.chaoskeeper.history.HistoryRecorder;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.workload.Result;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outcome classification, timeouts and the new-process-after-info rule, without a server. */
class ClientSessionTest {

    @TempDir
    Path dir;
    HistoryRecorder recorder;
    LatencyLog latency;
    ClientSession session;

    @BeforeEach
    void open() throws Exception {
        recorder = HistoryRecorder.toFile(dir.resolve("history.jsonl"));
        latency = new LatencyLog(dir.resolve("latency.hlog"), System.currentTimeMillis());
        RunState state = new RunState(recorder, latency, 3);
        // never opened: the bodies below do not touch ZooKeeper
        session = new ClientSession(state, 0, 0, null, "127.0.0.1:1", 42, Duration.ofMillis(200),
                Duration.ofSeconds(2), false);
    }

    @AfterEach
    void close() {
        session.close();
        recorder.close();
        latency.close();
    }

    @Test
    void aServerThatStaysAwayForTheWholePatienceIsNamedInOneSentence() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.open(Duration.ofMillis(700)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("client 0 cannot connect to 127.0.0.1:1 within 700 ms after the faults were healed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited for the patience, once")
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
    }

    @Test
    void certainFailuresAreFailWhateverTheOperation() {
        assertThat(ClientSession.classify(false, new KeeperException.BadVersionException("/r")).error())
                .isEqualTo("bad-version");
        assertThat(ClientSession.classify(false, new KeeperException.NoNodeException("/r")).type())
                .isEqualTo(Operation.Type.FAIL);
        assertThat(ClientSession.classify(false, new KeeperException.NodeExistsException("/r")).type())
                .isEqualTo(Operation.Type.FAIL);
        assertThat(ClientSession.classify(false, new IllegalMonitorStateException()).error()).isEqualTo("not-held");
    }

    @Test
    void lostConnectionIsInfoForAWriteAndFailForARead() {
        Result write = ClientSession.classify(false, new KeeperException.ConnectionLossException());
        Result read = ClientSession.classify(true, new KeeperException.ConnectionLossException());
        assertThat(write.type()).isEqualTo(Operation.Type.INFO);
        assertThat(read.type()).isEqualTo(Operation.Type.FAIL);
        assertThat(write.error()).isEqualTo("connection-loss");
        assertThat(ClientSession.classify(false, new KeeperException.SessionExpiredException()).error())
                .isEqualTo("session-expired");
    }

    @Test
    void aTimedOutWriteIsInfoAndTheClientContinuesAsANewProcess() {
        Result timedOut = session.write("write", "r0", 7L, () -> {
            Thread.sleep(5_000);
            return Result.ok(7L);
        });
        assertThat(timedOut.type()).isEqualTo(Operation.Type.INFO);
        assertThat(timedOut.error()).isEqualTo("timeout");
        Result read = session.read("read", "r0", null, () -> {
            Thread.sleep(5_000);
            return Result.ok(null);
        });
        assertThat(read.type()).isEqualTo(Operation.Type.FAIL);
        session.write("write", "r0", 8L, () -> Result.ok(8L).withZxid(5));

        List<Operation> ops = recorder.history().operations();
        assertThat(ops).extracting(Operation::type).containsExactly(Operation.Type.INVOKE, Operation.Type.INFO,
                Operation.Type.INVOKE, Operation.Type.FAIL, Operation.Type.INVOKE, Operation.Type.OK);
        assertThat(ops.get(1).value()).as("an info keeps the invoked value").isEqualTo(7L);
        assertThat(ops.get(0).process()).isEqualTo(0);
        assertThat(ops.get(2).process()).as("first free process after the 3 clients").isEqualTo(3);
        assertThat(ops.get(4).process()).as("a fail keeps the process").isEqualTo(3);
        assertThat(ops.get(5).zxid()).isEqualTo(5);
        assertThat(ops.get(1).time() - ops.get(0).time()).isBetween(150_000_000L, 2_000_000_000L);
    }

    @Test
    void latencyIsLoggedPerFunctionAndOutcome() throws Exception {
        session.write("write", "r0", 1L, () -> Result.ok(1L));
        session.read("read", "r0", null, () -> Result.fail("no-node"));
        latency.roll();
        String log = Files.readString(dir.resolve("latency.hlog"));
        assertThat(log).contains("Tag=read:fail,").contains("Tag=write:ok,");
    }

    @Test
    void sameSeedAndIndexGiveTheSameChoices() {
        RunState state = new RunState(recorder, latency, 3);
        ClientSession twin = new ClientSession(state, 0, 0, null, "127.0.0.1:1", 42, Duration.ofMillis(200),
                Duration.ofSeconds(2), false);
        ClientSession other = new ClientSession(state, 1, 1, null, "127.0.0.1:1", 42, Duration.ofMillis(200),
                Duration.ofSeconds(2), false);
        try {
            long[] a = session.random().longs(5).toArray();
            assertThat(twin.random().longs(5).toArray()).isEqualTo(a);
            assertThat(other.random().longs(5).toArray()).isNotEqualTo(a);
        } finally {
            twin.close();
            other.close();
        }
    }
}
