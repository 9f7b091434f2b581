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
 * Judges a queue history ({@code enqueue} of unique values; {@code dequeue} returning a value or failing
 * {@code empty}; a final phase that drains the queue): every acknowledged value is delivered exactly once.
 *
 * <ul>
 *   <li>{@code queue-double-delivery}: a value was dequeued ok twice.</li>
 *   <li>{@code queue-phantom}: a dequeue returned a value no enqueue wrote (or only a failed one), or one whose
 *   enqueue was invoked only after the dequeue had completed.</li>
 *   <li>{@code queue-element-lost}: ok enqueues never dequeued. An indeterminate dequeue may have taken one value
 *   (we cannot tell which), so values are reported lost only when there are more missing values than indeterminate
 *   dequeues; otherwise they are counted as {@code possiblyLost}. Loss is judged only when the history shows the queue
 *   drained: a dequeue that found it empty, invoked after every ok enqueue had completed; else the verdict is
 *   UNKNOWN.</li>
 * </ul>
 */
public final class QueueChecker implements Checker {

    private QueueChecker() {
    }

    /** The queue checker. */
    public static QueueChecker create() {
        return new QueueChecker();
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            Map<Object, Call> enqueues = new HashMap<>();
            Map<Object, List<Call>> dequeued = new LinkedHashMap<>();
            List<Call> empties = new ArrayList<>();
            long unknownDequeues = 0;
            for (Call call : history.calls()) {
                String f = call.invoke().f();
                if (f.equals("enqueue")) {
                    enqueues.put(Values.element(call.invoke().value()), call);
                } else if (f.equals("dequeue") && call.outcome() == Type.OK) {
                    dequeued.computeIfAbsent(Values.element(call.completion().value()), v -> new ArrayList<>())
                            .add(call);
                } else if (f.equals("dequeue") && call.outcome() == Type.FAIL
                        && "empty".equals(call.completion().error())) {
                    empties.add(call);
                } else if (f.equals("dequeue") && call.isIndeterminate()) {
                    unknownDequeues++;
                }
            }
            if (enqueues.isEmpty() && dequeued.isEmpty()) {
                return results.unknown("the history has no enqueue or dequeue operations");
            }
            dequeued.forEach((value, calls) -> checkDelivery(value, calls, enqueues.get(value), results));
            List<Call> missing = enqueues.values().stream()
                    .filter(c -> c.outcome() == Type.OK && !dequeued.containsKey(Values.element(c.invoke().value())))
                    .sorted(java.util.Comparator.comparingLong(Call::endTime)).toList();
            long lastEnqueued = enqueues.values().stream().filter(c -> c.outcome() == Type.OK)
                    .mapToLong(Call::endTime).max().orElse(Long.MIN_VALUE);
            boolean drained = empties.stream().anyMatch(c -> c.invoke().time() > lastEnqueued);
            results.stat("okEnqueues", enqueues.values().stream().filter(c -> c.outcome() == Type.OK).count())
                    .stat("okDequeues", dequeued.values().stream().mapToLong(List::size).sum())
                    .stat("unknownDequeues", unknownDequeues).stat("drained", drained)
                    .stat("missing", missing.size());
            if (drained && missing.size() > unknownDequeues) {
                List<String> described = missing.stream().map(c -> c.invoke().value() + " (enqueued by client "
                        + Values.client(c) + " at " + at(c.endTime()) + ")").toList();
                results.add("queue-element-lost", missing.size() + " acknowledged values were never dequeued, more "
                        + "than the " + unknownDequeues + " dequeues with unknown outcome can explain: "
                        + some(described, 10), missing.stream().map(c -> c.completion().index()).toList(),
                        data("elements", missing.stream().map(c -> c.invoke().value()).toList(),
                                "unknownDequeues", unknownDequeues));
            } else {
                results.stat("possiblyLost", drained ? missing.size() : 0);
            }
            return results.finish("every acknowledged value was delivered exactly once",
                    !drained && !missing.isEmpty() ? missing.size() + " acknowledged values were never dequeued, "
                            + "but the history does not show the queue drained, so they may still be in it" : null);
        });
    }

    private static void checkDelivery(Object value, List<Call> deliveries, Call enqueue, Results results) {
        Call first = deliveries.get(0);
        if (deliveries.size() > 1) {
            Call second = deliveries.get(1);
            results.add("queue-double-delivery", "value " + value + " was dequeued " + deliveries.size()
                    + " times: by client " + Values.client(first) + " at " + at(first.endTime())
                    + " and by client " + Values.client(second) + " at " + at(second.endTime()),
                    deliveries.stream().map(c -> c.completion().index()).toList(), data(
                    "elements", List.of(value),
                    "clients", deliveries.stream().map(Values::client).toList(),
                    "intervals", deliveries.stream().map(c -> List.of(c.invoke().time(), c.endTime())).toList()));
        }
        String why = enqueue == null ? "no enqueue wrote"
                : enqueue.outcome() == Type.FAIL ? "only a failed enqueue wrote"
                : enqueue.invoke().time() > first.endTime() ? "enqueued only at " + at(enqueue.invoke().time())
                : null;
        if (why != null) {
            results.add("queue-phantom", "client " + Values.client(first) + " dequeued " + value + " at "
                    + at(first.endTime()) + ", a value " + why, List.of(first.completion().index()), data(
                    "elements", List.of(value), "clients", List.of(Values.client(first))));
        }
    }
}
