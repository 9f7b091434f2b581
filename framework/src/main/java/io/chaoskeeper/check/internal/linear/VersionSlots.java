package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.Call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which timed-out writes of a znode took effect, read off its versions. Every write that takes effect makes the
 * next version, and ok calls report theirs, so of the versions 1..V (V the highest any call reports) those no ok
 * write made are exactly the ones timed-out writes made. When ok reads saw such a version's value, the timed-out
 * write of that value made it. When nobody read it, its value is unobserved and any timed-out write that could have
 * made it will do: one invoked before the first completion of a call reporting a later version (a cas only if it
 * expects the version before). The earliest invoked is taken, as the one most surely in time; when that leaves a
 * version without one, a cas that fits is taken first, since it fits no other version. The history with the
 * other timed-out writes left out is one of its possible outcomes (a timed-out call may never have happened), so a
 * linearization of that smaller history is one of the whole history: only a valid verdict of it stands, an invalid
 * one needs the whole search. It spares the search from trying each of dozens of timed-out writes at every point
 * of a long history.
 */
public final class VersionSlots {

    private VersionSlots() {
    }

    /**
     * The calls without the timed-out writes no version needs, in the same order; the calls themselves when a
     * version no read saw has no timed-out write that could have made it, or nothing can be left out.
     */
    public static List<Call> withoutUnneededWrites(ZnodeModel model, List<Call> calls) {
        long top = calls.stream().mapToLong(model::reportedVersion).max().orElse(0);
        if (top <= 0 || top > Integer.MAX_VALUE - 2) {
            return calls;
        }
        Set<Long> made = new HashSet<>();
        Map<Long, List<Object>> readAt = new HashMap<>();
        long[] deadline = new long[(int) top + 2]; // deadline[v]: the first completion of a call reporting > v
        Arrays.fill(deadline, Long.MAX_VALUE);
        for (Call c : calls) {
            long version = model.reportedVersion(c);
            if (version <= 0) {
                continue; // no version, or the initial one: it bounds no slot
            }
            deadline[(int) version - 1] = Math.min(deadline[(int) version - 1], c.endTime());
            if (model.written(c) != ValueRegister.NONE) {
                made.add(version);
            } else {
                readAt.computeIfAbsent(version, v -> new ArrayList<>()).add(model.observed(c));
            }
        }
        for (int v = (int) top - 1; v >= 0; v--) {
            deadline[v] = Math.min(deadline[v], deadline[v + 1]);
        }
        List<Call> writes = calls.stream().filter(c -> c.isIndeterminate() && model.written(c) != ValueRegister.NONE)
                .sorted(Comparator.comparingLong(c -> c.invoke().time())).toList();
        Set<Call> needed = new HashSet<>();
        List<Long> unread = new ArrayList<>();
        for (long version = 1; version <= top; version++) {
            List<Object> values = readAt.getOrDefault(version, List.of());
            if (made.contains(version)) {
                continue;
            } else if (values.isEmpty()) {
                unread.add(version);
                continue;
            }
            List<Call> makers = writes.stream()
                    .filter(c -> values.stream().anyMatch(v -> model.same(v, model.written(c)))).toList();
            if (makers.isEmpty()) {
                return calls;
            }
            needed.addAll(makers);
        }
        // the earliest invoked is the surest in time; if that leaves a version without a maker, a cas that fits
        // goes first (it fits no other version, a plain write fits any later one too)
        Comparator<Call> earliest = (a, b) -> 0; // the writes are in invoke order, and a tie keeps the first
        Set<Call> fillers = fill(model, unread, writes, needed, deadline, earliest);
        if (fillers == null) {
            fillers = fill(model, unread, writes, needed, deadline, Comparator.comparing((Call c) -> !model.isCas(c)));
        }
        if (fillers == null) {
            return calls;
        }
        needed.addAll(fillers);
        Set<Call> timedOut = new HashSet<>(writes);
        List<Call> kept = calls.stream().filter(c -> !timedOut.contains(c) || needed.contains(c)).toList();
        return kept.size() == calls.size() ? calls : kept;
    }

    /** A timed-out write for each unread version, the first by {@code preference} of those that could have made it. */
    private static Set<Call> fill(ZnodeModel model, List<Long> unread, List<Call> writes, Set<Call> taken,
            long[] deadline, Comparator<Call> preference) {
        Set<Call> fillers = new HashSet<>();
        for (long version : unread) {
            Call maker = writes.stream().filter(c -> !taken.contains(c) && !fillers.contains(c)
                    && model.canMake(c, version) && c.invoke().time() < deadline[(int) version])
                    .min(preference).orElse(null);
            if (maker == null) {
                return null;
            }
            fillers.add(maker);
        }
        return fillers;
    }
}
