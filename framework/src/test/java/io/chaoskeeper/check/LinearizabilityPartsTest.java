package io.chaoskeeper.check;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** How a check splits a history into parts (keys) and decides them: racing, stopping early, odd input. */
class LinearizabilityPartsTest {

    private static final int SLOW_CALLS = 3000;

    private final List<Operation> events = new ArrayList<>();

    private void call(long process, String f, String key, Object in, Object out) {
        events.add(new Operation(events.size(), Type.INVOKE, process, f, in, events.size(), key, null, null, null,
                Map.of()));
        events.add(new Operation(events.size(), Type.OK, process, f, out, events.size(), key, null, null, null,
                Map.of()));
    }

    /** The kv model, but every step on key {@code slow} takes about a millisecond and is counted. */
    private static final class SlowKv implements Model<String> {
        @SuppressWarnings("unchecked")
        private final Model<String> kv = (Model<String>) Models.kv();
        private final AtomicInteger slowSteps = new AtomicInteger();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "slow-kv";
        }

        @Override
        public String init() {
            return kv.init();
        }

        @Override
        public String step(String state, Call call) {
            threads.add(Thread.currentThread());
            if ("slow".equals(call.invoke().key())) {
                slowSteps.incrementAndGet();
                LockSupport.parkNanos(1_000_000);
            }
            return kv.step(state, call);
        }
    }

    @Test
    void anEasyInvalidKeyIsDecidedWithoutWaitingForAHardValidKeyListedBeforeIt() {
        for (int i = 0; i < SLOW_CALLS; i++) {
            call(0, "put", "slow", "v" + i, "v" + i);
        }
        call(1, "put", "bad", "a", "a");
        call(1, "get", "bad", null, "b");
        SlowKv model = new SlowKv();
        CheckResult r = LinearizabilityChecker.of(model).withParallelism(2).withTimeLimit(Duration.ofMinutes(1))
                .check(History.of(events));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).startsWith("key bad: ");
        assertThat(model.slowSteps.get()).as("the slow key was stopped once the bad one was found")
                .isLessThan(SLOW_CALLS);
    }

    @Test
    void checksShareTheirHelperThreadsInsteadOfStartingAPoolEach() {
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 300; i++) {
                call(i % 5, "put", "key" + k, "v" + i, "v" + i);
            }
        }
        SlowKv model = new SlowKv();
        LinearizabilityChecker checker = LinearizabilityChecker.of(model).withParallelism(2);
        for (int round = 0; round < 10; round++) {
            assertThat(checker.check(History.of(events)).verdict()).isEqualTo(Verdict.VALID);
        }
        // A helper that has not gone back to wait when the next check starts leaves that check another idle one
        // (the shared pool's), so a few may take turns; a pool per check would have used ten.
        assertThat(model.threads).as("the caller and a few shared helpers over ten checks")
                .contains(Thread.currentThread()).hasSizeBetween(2, 4);
    }

    @Test
    void anInterruptedCheckIsUnknownAtOnceAndKeepsTheInterrupt() throws Exception {
        for (int i = 0; i < SLOW_CALLS; i++) {
            call(0, "put", "slow", "v" + i, "v" + i);
        }
        AtomicReference<CheckResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread checking = new Thread(() -> {
            result.set(LinearizabilityChecker.of(new SlowKv()).check(History.of(events)));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        checking.start();
        Thread.sleep(300);
        checking.interrupt();
        checking.join(10_000);
        assertThat(checking.isAlive()).as("the check ends soon after the interrupt").isFalse();
        assertThat(result.get().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.get().summary()).endsWith("interrupted");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void anEventIndexBeyondWhatTheSearchOrdersGivesUnknownInOneSentence() {
        events.add(new Operation(5_000_000_000L, Type.INVOKE, 0, "put", "a", 0, "k", null, null, null, Map.of()));
        events.add(new Operation(5_000_000_001L, Type.OK, 0, "put", "a", 1, "k", null, null, null, Map.of()));
        CheckResult r = LinearizabilityChecker.of(Models.kv()).check(History.of(events));
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).isEqualTo("key k: event index 5000000000 is beyond 2147483647, the largest the"
                + " linearizability search orders");
    }
}
