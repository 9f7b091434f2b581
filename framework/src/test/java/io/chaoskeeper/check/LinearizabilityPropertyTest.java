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
        assertThat(invalid).as("both verdicts are exercised").isBetween(400, 3600); // 2,609 here
        assertThat(specialized).as("histories whose versions leave timed-out writes out").isGreaterThan(300); // 507 here
    }

    /**
     * Up to 7 calls of 3 processes on one znode: reads and writes that report small versions, cas by expected
     * version that may fail with bad-version, and many timed-out writes (the versions decide which took effect).
     */
    private static History tinyZnodeHistory(SplittableRandom random) {
        int calls = 2 + random.nextInt(6);
        List<Operation> ops = new ArrayList<>();
        long[] pending = new long[3];
        Arrays.fill(pending, -1);
        String[] f = new String[3];
        Object[] in = new Object[3];
        long[] pid = {0, 1, 2};
        long[] made = new long[3];
        List<Long> values = new ArrayList<>(List.of(0L)); // the value each version has, as if writes took effect at once
        long process = 3;
        long nextValue = 1;
        int started = 0;
        while (started < calls || Arrays.stream(pending).anyMatch(p -> p >= 0)) {
            int p = random.nextInt(3);
            if (pending[p] < 0) {
                if (started == calls) {
                    continue;
                }
                started++;
                int kind = random.nextInt(3);
                f[p] = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
                long v = nextValue++;
                long current = values.size() - 1;
                in[p] = kind == 0 ? null : kind == 1 ? (Object) v : Arrays.asList(random.nextInt(3) > 0 ? current
                        : (long) random.nextInt(3), v);
                if (kind > 0) {
                    values.add(v);
                    made[p] = values.size() - 1;
                }
                pending[p] = ops.size();
                ops.add(Operation.of(ops.size(), Operation.Type.INVOKE, pid[p], f[p], in[p], ops.size()));
            } else {
                int dice = random.nextInt(10);
                Operation.Type type = dice < 3 && !f[p].equals("read") ? Operation.Type.INFO
                        : dice < 5 && f[p].equals("cas") ? Operation.Type.FAIL : Operation.Type.OK;
                boolean exact = random.nextInt(4) > 0;
                long version = exact ? (f[p].equals("read") ? values.size() - 1 : made[p]) : random.nextInt(4);
                Object read = version == 0 ? null : exact && version < values.size() ? (Object) values.get(
                        (int) version) : (Object) (long) (1 + random.nextInt((int) nextValue));
                Object out = switch (f[p]) {
                    case "read" -> Arrays.asList(read, version);
                    case "write" -> Arrays.asList(in[p], Math.max(1, version));
                    default -> Arrays.asList(((List<?>) in[p]).get(1), Math.max(1, version));
                };
                ops.add(new Operation(ops.size(), type, pid[p], f[p], type == Operation.Type.OK ? out
                        : type == Operation.Type.FAIL ? in[p] : null, ops.size(), null, null,
                        type == Operation.Type.FAIL ? "bad-version" : null, null, Map.of()));
                pending[p] = -1;
                if (type == Operation.Type.INFO) {
                    pid[p] = process++;
                }
            }
        }
        return History.of(ops);
    }

    /** Up to 6 calls of 3 processes with random overlaps, outcomes and small values. */
    private static History tinyHistory(SplittableRandom random, boolean unique) {
        int calls = 2 + random.nextInt(5);
        List<Operation> ops = new ArrayList<>();
        long[] pending = new long[3];
        Arrays.fill(pending, -1);
        String[] f = new String[3];
        Object[] in = new Object[3];
        long process = 0;
        long[] pid = {0, 1, 2};
        process = 3;
        long nextValue = 1;
        int started = 0;
        while (started < calls || Arrays.stream(pending).anyMatch(p -> p >= 0)) {
            int p = random.nextInt(3);
            if (pending[p] < 0) {
                if (started == calls) {
                    continue;
                }
                started++;
                int kind = random.nextInt(3);
                f[p] = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
                long v = unique ? nextValue++ : random.nextInt(3);
                in[p] = kind == 0 ? null : kind == 1 ? (Object) v
                        : Arrays.asList(random.nextInt(4) == 0 ? null : (Object) (long) random.nextInt(unique
                        ? (int) nextValue : 3), v);
                pending[p] = ops.size();
                ops.add(Operation.of(ops.size(), Operation.Type.INVOKE, pid[p], f[p], in[p], ops.size()));
            } else {
                if (random.nextInt(6) == 0 && started == calls) {
                    pending[p] = -1; // never completes
                    continue;
                }
                int dice = random.nextInt(10);
                Operation.Type type = dice == 0 && !f[p].equals("read") ? Operation.Type.INFO
                        : dice < 4 && f[p].equals("cas") ? Operation.Type.FAIL : Operation.Type.OK;
                Object out = f[p].equals("read") ? (random.nextInt(5) == 0 ? null
                        : (Object) (long) random.nextInt(unique ? (int) nextValue : 3)) : in[p];
                ops.add(new Operation(ops.size(), type, pid[p], f[p], type == Operation.Type.INFO ? null : out,
                        ops.size(), null, null, null, null, Map.of()));
                pending[p] = -1;
                if (type == Operation.Type.INFO) {
                    pid[p] = process++;
                }
            }
        }
        return History.of(ops);
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
