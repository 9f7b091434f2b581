package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.some;

/**
 * Judges whether the servers converged: each server's final read (the last ok read of the configured function, by
 * default {@code read}, whose {@code node} names the server) must agree.
 *
 * <p>The reference is the value most servers returned (ties go to the first server by name); each server that
 * differs is a {@code replicas-disagree} anomaly naming both servers and the difference: for lists, the elements one
 * lacks and the other has (compared as multisets, order ignored), else the two values. Only ok reads count, so an
 * indeterminate read never makes servers disagree.
 */
public final class ReplicaChecker implements Checker {

    private final String function;

    private ReplicaChecker(String function) {
        this.function = function;
    }

    /** A checker of the final {@code read} of each server. */
    public static ReplicaChecker create() {
        return new ReplicaChecker("read");
    }

    /** Compare the final reads of another function, e.g. {@code members}. */
    public ReplicaChecker withFunction(String function) {
        return new ReplicaChecker(Objects.requireNonNull(function, "function"));
    }

    @Override
    public String name() {
        return "replicas(" + function + ")";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            Map<String, Call> last = new TreeMap<>();
            for (Call call : history.calls()) {
                String node = call.completion() == null || call.completion().node() == null ? call.invoke().node()
                        : call.completion().node();
                if (call.invoke().f().equals(function) && call.outcome() == Type.OK && node != null) {
                    last.merge(node, call, (a, b) -> b.endTime() >= a.endTime() ? b : a);
                }
            }
            if (last.size() < 2) {
                return results.unknown("only " + last.size() + " server(s) have an ok final " + function
                        + " with the server recorded; at least two are needed to compare");
            }
            Map<String, Object> normal = new HashMap<>();
            Map<Object, Integer> votes = new HashMap<>();
            last.forEach((node, call) -> votes.merge(normal.computeIfAbsent(node,
                    n -> normal(call.completion().value())), 1, Integer::sum));
            String reference = null;
            for (String node : last.keySet()) {
                if (reference == null || votes.get(normal.get(node)) > votes.get(normal.get(reference))) {
                    reference = node;
                }
            }
            for (String node : last.keySet()) {
                if (!normal.get(node).equals(normal.get(reference))) {
                    report(reference, last.get(reference), node, last.get(node), results);
                }
            }
            results.stat("servers", new ArrayList<>(last.keySet())).stat("agreeing", votes.values().stream()
                    .mapToInt(Integer::intValue).max().orElse(0));
            return results.finish(last.size() + " servers' final " + function + "s agree");
        });
    }

    private static void report(String refNode, Call ref, String node, Call other, Results results) {
        Object a = ref.completion().value();
        Object b = other.completion().value();
        String difference;
        Map<String, Object> data;
        if (Values.asList(a) != null && Values.asList(b) != null) {
            List<Object> lacks = minus(Values.asList(a), Values.asList(b));
            List<Object> extra = minus(Values.asList(b), Values.asList(a));
            difference = node + " lacks " + lacks.size() + " elements " + refNode + " has"
                    + (lacks.isEmpty() ? "" : " (" + some(lacks, 10) + ")") + " and has " + extra.size() + " it lacks"
                    + (extra.isEmpty() ? "" : " (" + some(extra, 10) + ")");
            data = data("nodes", List.of(refNode, node), "missing", lacks, "extra", extra);
        } else {
            difference = refNode + " read " + a + " but " + node + " read " + b;
            data = data("nodes", List.of(refNode, node), "values", Results.listOf(a, b));
        }
        results.add("replicas-disagree", "the final reads of " + refNode + " (at " + at(ref.invoke().time())
                + ") and " + node + " (at " + at(other.invoke().time()) + ") disagree: " + difference,
                List.of(other.completion().index(), ref.completion().index()), data);
    }

    /** Elements of {@code from} not matched in {@code other}, counting repeats. */
    private static List<Object> minus(List<?> from, List<?> other) {
        Map<Object, Integer> left = new HashMap<>();
        other.forEach(e -> left.merge(Values.element(e), 1, Integer::sum));
        List<Object> missing = new ArrayList<>();
        for (Object e : from) {
            Object k = Values.element(e);
            if (left.getOrDefault(k, 0) > 0) {
                left.merge(k, -1, Integer::sum);
            } else {
                missing.add(k);
            }
        }
        return missing;
    }

    /** A value in a form where equal contents compare equal: a list as a multiset (element → count). */
    private static Object normal(Object value) {
        List<?> list = Values.asList(value);
        if (list == null) {
            return String.valueOf(Values.element(value));
        }
        Map<Object, Integer> counts = new HashMap<>();
        list.forEach(e -> counts.merge(Values.element(e), 1, Integer::sum));
        return counts;
    }
}
