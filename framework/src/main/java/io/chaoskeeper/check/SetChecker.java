package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.some;

/**
 * Judges a set history ({@code add} of unique elements, then a final {@code read} per server after {@code sync}):
 * each final read must hold every acknowledged element exactly once.
 *
 * <p>For each final read: an element whose {@code add} returned ok before the read began and is missing is
 * {@code set-element-lost}; an element listed twice is {@code set-element-duplicated}; an element no add wrote (or
 * only a failed add) is {@code set-element-phantom}. An element whose add was indeterminate may be present or absent,
 * so it is never reported; how many of them were present is in {@code stats}. Each read gives at most one anomaly of
 * each kind, listing its elements.
 */
public final class SetChecker implements Checker {

    private SetChecker() {
    }

    /** The set checker. */
    public static SetChecker create() {
        return new SetChecker();
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            Map<Object, Call> adds = new HashMap<>();
            List<Call> reads = new ArrayList<>();
            for (Call call : history.calls()) {
                if (call.invoke().f().equals("add")) {
                    adds.put(Values.element(call.invoke().value()), call);
                } else if (call.invoke().f().equals("read") && call.outcome() == Type.OK
                        && Values.asList(call.completion().value()) != null) {
                    reads.add(call);
                }
            }
            if (reads.isEmpty()) {
                return results.unknown("the history has no ok final read of the set");
            }
            long infoPresent = 0;
            for (Call read : reads) {
                infoPresent = checkRead(read, adds, results);
            }
            results.stat("okAdds", count(adds, Type.OK)).stat("infoAdds", count(adds, Type.INFO))
                    .stat("failAdds", count(adds, Type.FAIL)).stat("finalReads", reads.size())
                    .stat("infoAddsPresentInLastRead", infoPresent);
            return results.finish(count(adds, Type.OK) + " acknowledged elements all present, once, in "
                    + reads.size() + " final reads");
        });
    }

    /** Checks one final read; returns how many elements with indeterminate adds it held. */
    private static long checkRead(Call read, Map<Object, Call> adds, Results results) {
        String server = read.completion().node() != null ? read.completion().node()
                : read.invoke().node() != null ? read.invoke().node() : "client " + Values.client(read);
        String which = server + "'s final read at " + at(read.invoke().time());
        Map<Object, Integer> counts = new LinkedHashMap<>();
        for (Object e : Values.asList(read.completion().value())) {
            counts.merge(Values.element(e), 1, Integer::sum);
        }
        List<String> duplicated = new ArrayList<>();
        List<Object> phantoms = new ArrayList<>();
        long infoPresent = 0;
        for (Map.Entry<Object, Integer> e : counts.entrySet()) {
            Call add = adds.get(e.getKey());
            if (e.getValue() > 1) {
                duplicated.add(e.getKey() + " (×" + e.getValue() + ")");
            }
            if (add == null || add.outcome() == Type.FAIL) {
                phantoms.add(e.getKey());
            } else if (add.isIndeterminate()) {
                infoPresent++;
            }
        }
        List<String> lost = new ArrayList<>();
        List<Object> lostElements = new ArrayList<>();
        List<Long> ops = new ArrayList<>(List.of(read.completion().index()));
        for (Map.Entry<Object, Call> e : adds.entrySet()) {
            Call add = e.getValue();
            if (add.outcome() == Type.OK && add.endTime() < read.invoke().time() && !counts.containsKey(e.getKey())) {
                lost.add(e.getKey() + " (added by client " + Values.client(add) + " at "
                        + at(add.endTime()) + ")");
                lostElements.add(e.getKey());
                ops.add(add.completion().index());
            }
        }
        List<Long> readOnly = List.of(read.completion().index());
        if (!lost.isEmpty()) {
            results.add("set-element-lost", which + " lacks " + lost.size() + " acknowledged elements: "
                    + some(lost, 10), ops, data("nodes", List.of(server), "elements", lostElements));
        }
        if (!duplicated.isEmpty()) {
            results.add("set-element-duplicated", which + " lists " + duplicated.size()
                    + " elements more than once: " + some(duplicated, 10), readOnly, data("nodes", List.of(server),
                    "elements", duplicated));
        }
        if (!phantoms.isEmpty()) {
            results.add("set-element-phantom", which + " lists " + phantoms.size() + " elements no successful add "
                    + "wrote: " + some(phantoms, 10), readOnly, data("nodes", List.of(server), "elements", phantoms));
        }
        return infoPresent;
    }

    private static long count(Map<Object, Call> adds, Type outcome) {
        return adds.values().stream().filter(c -> c.outcome() == outcome).count();
    }
}
