package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.check.internal.linear.VersionSlots;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Random histories: simulated atomic registers are valid, stale reads make them invalid, brute force agrees. */
class LinearizabilityPropertyTest {

    private static final Model<?> CAS = Models.casRegister();

    @Test
    void historiesOfAnAtomicRegisterAreLinearizable() {
        for (int seed = 0; seed < 300; seed++) {
            History h = new SimulatedRegister(60, 2 + seed % 7, 1 + seed % 3, 0.1, 0, seed).generate();
            CheckResult r = LinearizabilityChecker.of(CAS).check(h);
            assertThat(r.verdict()).as("seed " + seed + ": " + r.summary()).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void oneProvablyStaleReadMakesThemInvalid() {
        for (int seed = 0; seed < 300; seed++) {
            History h = new SimulatedRegister(80, 2 + seed % 7, 1, 0.1, 1, seed).generate();
            CheckResult r = LinearizabilityChecker.of(CAS).check(h);
            assertThat(r.verdict()).as("seed " + seed).isEqualTo(Verdict.INVALID);
            assertThat(r.anomalies().get(0).data()).containsKeys("prefix", "failing", "concurrent", "states");
        }
    }

    @Test
    void theSearchAgreesWithBruteForceOnTinyHistories() {
        SplittableRandom random = new SplittableRandom(42);
        int invalid = 0;
        for (int i = 0; i < 4000; i++) {
            boolean unique = i % 2 == 0;
            HistoryFormat.Rules rules = i % 3 == 0 ? HistoryFormat.KNOSSOS_EDN.rules() : HistoryFormat.Rules.CHAOSKEEPER;
            History h = tinyHistory(random, unique);
            Model<?> model = Models.named("cas-register", rules);
            boolean expected = BruteForce.linearizable(model, h);
            CheckResult r = LinearizabilityChecker.of(model).check(h);
            assertThat(r.verdict()).as("case " + i + " " + h.operations() + ": " + r.summary())
                    .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            invalid += expected ? 0 : 1;
        }
        assertThat(invalid).as("both verdicts are exercised").isBetween(400, 3600);
    }

    @Test
    void theSearchAgreesWithBruteForceOnTinyZnodeHistories() {
        SplittableRandom random = new SplittableRandom(7);
        @SuppressWarnings("unchecked")
        Model<Object> model = (Model<Object>) Models.znode();
        int invalid = 0;
        int specialized = 0;
        for (int i = 0; i < 4000; i++) {
            History h = tinyZnodeHistory(random);
            boolean expected = BruteForce.linearizable(model, h);
            CheckResult r = LinearizabilityChecker.of(model).check(h);
            assertThat(r.verdict()).as("case " + i + " " + h.operations() + ": " + r.summary())
                    .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            invalid += expected ? 0 : 1;
            List<Call> calls = h.calls().stream().filter(c -> c.outcome() != Operation.Type.FAIL
                    || model.observes(c)).filter(c -> !model.ignores(c)).toList();
            specialized += VersionSlots.withoutUnneededWrites((ZnodeModel) (Object) model, calls) != calls ? 1 : 0;
        }
        assertThat(invalid).as("both verdicts are exercised").isBetween(400, 3600);
        assertThat(specialized).as("histories whose versions leave timed-out writes out").isGreaterThan(300);
    }

    /**
     * Up to 7 calls of 3 processes on one znode: reads and writes that report small versions, cas by expected
     * version that may fail with bad-version, and many timed-out writes (the versions decide which took effect).
     */
    private static History tinyZnodeHistory(SplittableRandom random) {
        long[] made = new long[3];
        long[] nextValue = {1};
        List<Long> values = new ArrayList<>(List.of(0L)); // the value each version has, as if writes took effect at once
        return TinyHistories.generate(random, 2 + random.nextInt(6), new TinyHistories.Calls() {
            @Override
            public Object[] invoke(int slot) {
                int kind = random.nextInt(3);
                long v = nextValue[0]++;
                long current = values.size() - 1;
                if (kind > 0) {
                    values.add(v);
                    made[slot] = values.size() - 1;
                }
                return kind == 0 ? new Object[] {"read", null} : kind == 1 ? new Object[] {"write", v}
                        : new Object[] {"cas", TinyHistories.pair(random.nextInt(3) > 0 ? current
                        : (long) random.nextInt(3), v)};
            }

            @Override
            public Operation completion(int slot, String f, Object in, boolean allInvoked) {
                int dice = random.nextInt(10);
                Operation.Type type = dice < 3 && !f.equals("read") ? Operation.Type.INFO
                        : dice < 5 && f.equals("cas") ? Operation.Type.FAIL : Operation.Type.OK;
                boolean exact = random.nextInt(4) > 0;
                long version = exact ? (f.equals("read") ? values.size() - 1 : made[slot]) : random.nextInt(4);
                Object read = version == 0 ? null : exact && version < values.size() ? (Object) values.get(
                        (int) version) : (Object) (long) (1 + random.nextInt((int) nextValue[0]));
                Object out = switch (f) {
                    case "read" -> TinyHistories.pair(read, version);
                    case "write" -> TinyHistories.pair(in, Math.max(1, version));
                    default -> TinyHistories.pair(((List<?>) in).get(1), Math.max(1, version));
                };
                return TinyHistories.end(type, type == Operation.Type.OK ? out : type == Operation.Type.FAIL ? in
                        : null, type == Operation.Type.FAIL ? "bad-version" : null);
            }
        });
    }

    /** Up to 6 calls of 3 processes with random overlaps, outcomes and small values. */
    private static History tinyHistory(SplittableRandom random, boolean unique) {
        long[] nextValue = {1};
        return TinyHistories.generate(random, 2 + random.nextInt(5), new TinyHistories.Calls() {
            @Override
            public Object[] invoke(int slot) {
                int kind = random.nextInt(3);
                long v = unique ? nextValue[0]++ : random.nextInt(3);
                return kind == 0 ? new Object[] {"read", null} : kind == 1 ? new Object[] {"write", v}
                        : new Object[] {"cas", TinyHistories.pair(random.nextInt(4) == 0 ? null
                        : (Object) (long) random.nextInt(unique ? (int) nextValue[0] : 3), v)};
            }

            @Override
            public Operation completion(int slot, String f, Object in, boolean allInvoked) {
                if (random.nextInt(6) == 0 && allInvoked) {
                    return null;
                }
                int dice = random.nextInt(10);
                Operation.Type type = dice == 0 && !f.equals("read") ? Operation.Type.INFO
                        : dice < 4 && f.equals("cas") ? Operation.Type.FAIL : Operation.Type.OK;
                Object out = f.equals("read") ? (random.nextInt(5) == 0 ? null
                        : (Object) (long) random.nextInt(unique ? (int) nextValue[0] : 3)) : in;
                return TinyHistories.end(type, type == Operation.Type.INFO ? null : out, null);
            }
        });
    }

    /** Tries every subset of indeterminate calls and every real-time-respecting order. */
    static final class BruteForce {

        @SuppressWarnings("unchecked")
        static boolean linearizable(Model<?> raw, History h) {
            Model<Object> model = (Model<Object>) raw;
            List<Call> calls = new ArrayList<>();
            for (Call c : h.calls()) {
                if ((c.outcome() != Operation.Type.FAIL || model.observes(c)) && !model.ignores(c)) {
                    calls.add(c);
                }
            }
            return search(model, calls, new boolean[calls.size()], model.init());
        }

        private static boolean search(Model<Object> model, List<Call> calls, boolean[] done, Object state) {
            boolean allDeterminateDone = true;
            for (int i = 0; i < calls.size(); i++) {
                if (!done[i] && !calls.get(i).isIndeterminate()) {
                    allDeterminateDone = false;
                }
            }
            if (allDeterminateDone) {
                return true;
            }
            for (int i = 0; i < calls.size(); i++) {
                if (done[i] || !minimal(calls, done, i)) {
                    continue;
                }
                Object next = model.step(state, calls.get(i));
                if (next != null) {
                    done[i] = true;
                    boolean ok = search(model, calls, done, next);
                    done[i] = false;
                    if (ok) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** No undone call returned before call i was invoked. */
        private static boolean minimal(List<Call> calls, boolean[] done, int i) {
            for (int j = 0; j < calls.size(); j++) {
                Call c = calls.get(j);
                if (!done[j] && j != i && !c.isIndeterminate()
                        && c.completion().index() < calls.get(i).invoke().index()) {
                    return false;
                }
            }
            return true;
        }
    }
}
