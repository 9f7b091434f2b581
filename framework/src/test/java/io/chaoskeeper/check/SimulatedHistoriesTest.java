package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests: thousands of seeded histories of a simulated correct service are always valid, and the same
 * histories with one injected violation are always invalid, with the injected kind among the anomalies.
 */
class SimulatedHistoriesTest {

    private static final int CASES = 2000;

    private static void assertVerdict(Checker checker, History h, long seed, String kind) {
        CheckResult r = checker.check(h);
        if (kind == null) {
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.VALID);
        } else {
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.INVALID);
            assertThat(r.anomalies()).as("seed %d", seed).extracting(Anomaly::kind).contains(kind);
        }
    }

    private static int pick(History h, Random random, Predicate<Operation> which) {
        List<Integer> found = new ArrayList<>();
        for (Operation op : h.operations()) {
            if (which.test(op)) {
                found.add((int) op.index());
            }
        }
        return found.isEmpty() ? -1 : found.get(random.nextInt(found.size()));
    }

    private static boolean okOf(Operation op, String f) {
        return op.type() == Type.OK && op.f().equals(f);
    }

    @Test
    void simulatedLocksAreValidAndEachInjectedViolationIsFound() {
        Checker checker = LockSafetyChecker.create();
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History valid = Simulated.lock(seed, false);
            assertVerdict(checker, valid, seed, null);
            Random random = new Random(seed);
            switch ((int) (seed % 4)) {
                case 0 -> {
                    assertVerdict(checker, Simulated.lock(seed, true), seed, "lock-not-exclusive");
                    injected++;
                }
                case 1 -> {
                    int update = pick(valid, random, op -> okOf(op, "guarded-update"));
                    if (update >= 0) {
                        Object v = valid.operations().get(update).value();
                        long token = ((Number) ((java.util.Map<?, ?>) v).get("token")).longValue();
                        assertVerdict(checker, Simulated.withValue(valid, update,
                                Simulated.with(v, "lastToken", token + 1)), seed, "stale-token-accepted");
                        injected++;
                    }
                }
                case 2 -> {
                    int a = pick(valid, random, op -> okOf(op, "guarded-update"));
                    int b = pick(valid, random, op -> okOf(op, "guarded-update") && op.index() != a);
                    if (a >= 0 && b >= 0) {
                        Object read = ((java.util.Map<?, ?>) valid.operations().get(a).value()).get("read");
                        assertVerdict(checker, Simulated.withValue(valid, b,
                                Simulated.with(valid.operations().get(b).value(), "read", read)), seed, "lost-update");
                        injected++;
                    }
                }
                default -> {
                    assertVerdict(checker, Simulated.withCall(valid, "release", null, Type.OK, null), seed,
                            "release-by-non-holder");
                    injected++;
                }
            }
        }
        assertThat(injected).isGreaterThan(CASES * 9 / 10);
    }

    @Test
    void simulatedLocksWithARegressedTokenAreInvalid() {
        Checker checker = LockSafetyChecker.create();
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History h = Simulated.lock(seed, false);
            List<Operation> oks = h.operations().stream().filter(op -> okOf(op, "acquire")).toList();
            // the last ok acquire invoked after another ok acquire completed gets that one's token
            List<io.chaoskeeper.history.Call> calls = h.calls().stream()
                    .filter(c -> c.outcome() == Type.OK && c.invoke().f().equals("acquire")).toList();
            for (int i = calls.size() - 1; i > 0 && oks.size() > 1; i--) {
                io.chaoskeeper.history.Call later = calls.get(i);
                Operation earlier = oks.stream().filter(op -> op.time() < later.invoke().time()).findFirst()
                        .orElse(null);
                if (earlier != null) {
                    assertVerdict(checker, Simulated.withValue(h, (int) later.completion().index(), earlier.value()),
                            seed, "fencing-token-regressed");
                    injected++;
                    break;
                }
            }
        }
        assertThat(injected).isGreaterThan(CASES * 9 / 10);
    }

    @Test
    void simulatedQueuesAreValidAndEachInjectedViolationIsFound() {
        Checker checker = QueueChecker.create();
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History valid = Simulated.queue(seed);
            assertVerdict(checker, valid, seed, null);
            Random random = new Random(seed);
            int dequeue = pick(valid, random, op -> okOf(op, "dequeue"));
            switch ((int) (seed % 2)) {
                case 0 -> {
                    if (dequeue >= 0) {
                        assertVerdict(checker, Simulated.withCall(valid, "dequeue",
                                valid.operations().get(dequeue).value(), Type.OK, null), seed,
                                "queue-double-delivery");
                        injected++;
                    }
                }
                default -> {
                    assertVerdict(checker, Simulated.withCall(valid, "dequeue", 1_000_000L, Type.OK, null), seed,
                            "queue-phantom");
                    injected++;
                }
            }
        }
        assertThat(injected).isGreaterThan(CASES / 2);
    }

    @Test
    void aDequeueReturningADifferentValueLosesTheAcknowledgedOne() {
        Checker checker = QueueChecker.create();
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History valid = Simulated.queue(seed);
            long unknown = valid.operations().stream()
                    .filter(op -> op.type() == Type.INFO && op.f().equals("dequeue")).count();
            // remove the deliveries of unknown + 1 acknowledged values: more than indeterminate dequeues explain
            List<Operation> ackedDeliveries = new ArrayList<>();
            List<Object> acked = valid.operations().stream().filter(op -> op.type() == Type.OK
                    && op.f().equals("enqueue")).map(Operation::value).toList();
            for (Operation op : valid.operations()) {
                if (okOf(op, "dequeue") && acked.contains(op.value()) && ackedDeliveries.size() <= unknown) {
                    ackedDeliveries.add(op);
                }
            }
            if (ackedDeliveries.size() <= unknown) {
                continue;
            }
            History h = valid;
            for (Operation op : ackedDeliveries) {
                h = Simulated.withValue(h, (int) op.index(), 3_000_000L + op.index());
            }
            CheckResult r = checker.check(h);
            assertThat(r.anomalies()).as("seed %d", seed).extracting(Anomaly::kind)
                    .contains("queue-element-lost");
            injected++;
        }
        assertThat(injected).isGreaterThan(CASES / 2);
    }

    @Test
    void simulatedSetsAreValidAndEachInjectedViolationIsFound() {
        Checker checker = SetChecker.create();
        for (long seed = 0; seed < CASES; seed++) {
            History valid = Simulated.set(seed);
            assertVerdict(checker, valid, seed, null);
            Random random = new Random(seed);
            int read = pick(valid, random, op -> okOf(op, "read"));
            List<Object> elements = new ArrayList<>((List<?>) valid.operations().get(read).value());
            switch ((int) (seed % 3)) {
                case 0 -> {
                    List<Object> acked = new ArrayList<>();
                    for (io.chaoskeeper.history.Call c : valid.calls()) {
                        if (c.invoke().f().equals("add") && c.outcome() == Type.OK) {
                            acked.add(c.invoke().value());
                        }
                    }
                    elements.remove(acked.get(random.nextInt(acked.size())));
                    assertVerdict(checker, Simulated.withValue(valid, read, elements), seed, "set-element-lost");
                }
                case 1 -> {
                    elements.add(elements.get(random.nextInt(elements.size())));
                    assertVerdict(checker, Simulated.withValue(valid, read, elements), seed,
                            "set-element-duplicated");
                }
                default -> {
                    elements.add(random.nextInt(1000) + 1000L);
                    assertVerdict(checker, Simulated.withValue(valid, read, elements), seed, "set-element-phantom");
                }
            }
        }
    }
}
