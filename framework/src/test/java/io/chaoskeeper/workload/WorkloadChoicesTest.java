package io.chaoskeeper.workload;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.Operation;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed gives a client the same operation choices; another seed gives others. No server involved. */
class WorkloadChoicesTest {

    /** Records what a client chose to do; reads and writes complete ok without running their bodies. */
    static final class Choices implements ClientContext {
        final List<String> chosen = new ArrayList<>();
        final Random random;
        final AtomicLong unique = new AtomicLong();

        Choices(long seed) {
            random = new Random(seed);
        }

        @Override
        public int index() {
            return 1;
        }

        @Override
        public ZooKeeperNode node() {
            return null;
        }

        @Override
        public String connectString() {
            return "127.0.0.1:1";
        }

        @Override
        public CuratorFramework curator() {
            throw new UnsupportedOperationException("no server in this test");
        }

        @Override
        public Duration sessionTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Random random() {
            return random;
        }

        @Override
        public long uniqueValue() {
            return unique.incrementAndGet();
        }

        @Override
        public boolean running() {
            return true;
        }

        @Override
        public Result read(String f, String key, Object value, Body body) {
            chosen.add(f + " " + key);
            return Result.ok(null);
        }

        @Override
        public Result write(String f, String key, Object value, Body body) {
            chosen.add(f + " " + key + " " + value);
            return Result.ok(value);
        }

        @Override
        public Operation begin(String f, String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete(Operation invoke, Result result) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<String> choices(Workload workload, long seed) throws Exception {
        Choices ctx = new Choices(seed);
        Workload.Client client = workload.client(ctx);
        for (int i = 0; i < 50; i++) {
            client.step();
        }
        return ctx.chosen;
    }

    @Test
    void registerChoicesFollowTheSeed() throws Exception {
        List<String> first = choices(Workloads.register().withKeys(5), 42);
        assertThat(first).hasSize(50).anyMatch(c -> c.startsWith("read")).anyMatch(c -> c.startsWith("write"));
        assertThat(choices(Workloads.register().withKeys(5), 42)).isEqualTo(first);
        assertThat(choices(Workloads.register().withKeys(5), 43)).isNotEqualTo(first);
    }

    @Test
    void casRegisterAndQueueChoicesFollowTheSeed() throws Exception {
        List<String> cas = choices(Workloads.casRegister(), 7);
        assertThat(cas).anyMatch(c -> c.startsWith("cas")).anyMatch(c -> c.startsWith("read"));
        assertThat(choices(Workloads.casRegister(), 7)).isEqualTo(cas);
        List<String> queue = choices(Workloads.queue(), 7);
        assertThat(queue).anyMatch(c -> c.startsWith("enqueue")).anyMatch(c -> c.startsWith("dequeue"));
        assertThat(choices(Workloads.queue(), 7)).isEqualTo(queue);
    }

    @Test
    void casRegisterWithoutReadsOnlyWritesAndCompareAndSets() throws Exception {
        assertThat(choices(Workloads.casRegister().withReads(false), 7)).hasSize(50)
                .noneMatch(c -> c.startsWith("read")).anyMatch(c -> c.startsWith("cas"))
                .anyMatch(c -> c.startsWith("write"));
        assertThat(Workloads.casRegister().withReads(false).parameters()).containsEntry("readMode", "none");
    }

    @Test
    void parametersNameTheConfiguration() {
        assertThat(Workloads.lock().withRecipe(LockWorkload.Recipe.UNSAFE).withFencing(true).parameters())
                .containsEntry("recipe", "unsafe").containsEntry("fenced", true);
        assertThat(Workloads.queue().withMaxDrain(10).parameters()).containsEntry("path", "/chaoskeeper/queue")
                .containsEntry("maxDrain", 10);
        assertThat(Workloads.register().withKeys(2).parameters()).containsEntry("keys", 2);
    }
}
