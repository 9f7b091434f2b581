package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.Call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which timed-out writes of a znode took effect, read off its versions. Every write that takes effect makes the
 * next version, and ok calls report theirs, so of the versions 1..V (V the highest any call reports) those no ok
 * write made are exactly the ones timed-out writes made. When ok reads saw each such version's value, the timed-out
 * writes of those values are the ones that took effect, and the history with the other timed-out writes left out
 * is one of its possible outcomes (a timed-out call may never have happened). So a linearization of that smaller
 * history is one of the whole history: only a valid verdict of it stands, an invalid one needs the whole search.
 * It spares the search from trying each of dozens of timed-out writes at every point of a long history.
 */
public final class VersionSlots {

    private VersionSlots() {
    }

    /**
     * The calls without the timed-out writes no version needs, in the same order; the calls themselves when a
     * missing version's value was never read (which write made it would be a guess) or nothing can be left out.
     */
    public static List<Call> withoutUnneededWrites(ZnodeModel model, List<Call> calls) {
        long top = 0;
        Set<Long> made = new HashSet<>();
        Map<Long, List<Object>> readAt = new HashMap<>();
        for (Call c : calls) {
            long version = model.reportedVersion(c);
            if (version < 0) {
                continue;
            }
            top = Math.max(top, version);
            if (model.written(c) != ValueRegister.NONE) {
                made.add(version);
            } else {
                readAt.computeIfAbsent(version, v -> new ArrayList<>()).add(model.observed(c));
            }
        }
        Set<Call> needed = new HashSet<>();
        for (long version = 1; version <= top; version++) {
            if (made.contains(version)) {
                continue;
            }
            List<Object> values = readAt.getOrDefault(version, List.of());
            List<Call> makers = calls.stream().filter(c -> c.isIndeterminate() && values.stream()
                    .anyMatch(v -> model.written(c) != ValueRegister.NONE && model.same(v, model.written(c))))
                    .toList();
            if (makers.isEmpty()) {
                return calls;
            }
            needed.addAll(makers);
        }
        List<Call> kept = calls.stream().filter(c -> !c.isIndeterminate() || model.written(c) == ValueRegister.NONE
                || needed.contains(c)).toList();
        return kept.size() == calls.size() ? calls : kept;
    }
}
