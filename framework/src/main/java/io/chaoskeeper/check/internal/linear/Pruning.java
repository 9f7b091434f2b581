package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.history.Call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops indeterminate writes whose value no call depends on. Such a write may as well never have happened: between
 * it and the next write no call could tell it apart from the value before it (no read returned its value, no cas
 * expected it, and the model has no failed observations or versions), so a history is linearizable with it exactly
 * when it is without it. Removing one can free another (an indeterminate cas expecting its value), so this repeats
 * until nothing changes. It keeps the exponential search from trying every timed-out write at every point.
 */
public final class Pruning {

    private Pruning() {
    }

    /** The calls without the prunable indeterminate writes, in the same order. */
    public static List<Call> prune(ValueRegister register, List<Call> calls) {
        if (!register.unobservedWritesPrunable(calls)) {
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
                boolean prunable = c.isIndeterminate() && w != ValueRegister.NONE && !needed.containsKey(w);
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
}
