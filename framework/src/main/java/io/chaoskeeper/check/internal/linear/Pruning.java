package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;

import java.util.function.Predicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops indeterminate writes whose value no call depends on. Such a write may as well never have happened: between
 * it and the next write no call could tell it apart from the value before it (no read returned its value, no cas
 * expected it, and the model has no failed observations or versions), so a history is linearizable with it exactly
 * when it is without it. A failed call that observed "not that value" breaks this argument for writes that may take
 * effect before it (see {@link #observationsCanSee}). Removing one can free another (an indeterminate cas expecting its value), so this repeats
 * until nothing changes. It keeps the exponential search from trying every timed-out write at every point.
 */
public final class Pruning {

    private Pruning() {
    }

    /**
     * The calls without the prunable indeterminate writes, in the same order; {@code keep} names writes to keep
     * anyway. The result is equivalent when {@code keep} holds every write invoked before a failed observation
     * among {@code calls} returned ({@link #observationsCanSee}); with fewer kept, only a valid verdict stands.
     */
    public static List<Call> prune(ValueRegister register, List<Call> calls, Predicate<Call> keep) {
        if (!register.unobservedWritesPrunable()) {
            return calls;
        }
        List<Call> kept = calls;
        while (true) {
            Map<Object, Integer> needed = new HashMap<>();
            for (Call c : kept) {
                Object v = register.needs(c);
                if (v != ValueRegister.NONE) {
                    needed.merge(v, 1, Integer::sum);
                }
            }
            List<Call> next = new ArrayList<>(kept.size());
            for (Call c : kept) {
                Object w = register.written(c);
                boolean prunable = c.isIndeterminate() && w != ValueRegister.NONE && !needed.containsKey(w)
                        && !keep.test(c);
                if (!prunable) {
                    next.add(c);
                }
            }
            if (next.size() == kept.size()) {
                return kept;
            }
            kept = next;
        }
    }

    /** The writes a failed observation among {@code calls} could tell apart: those invoked before one returned. */
    public static Predicate<Call> observationsCanSee(List<Call> calls) {
        long last = -1;
        for (Call c : calls) {
            if (c.outcome() == Operation.Type.FAIL) {
                last = Math.max(last, c.completion().index());
            }
        }
        long lastObservation = last;
        return w -> w.invoke().index() < lastObservation;
    }
}
