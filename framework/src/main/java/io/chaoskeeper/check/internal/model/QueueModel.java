package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.format.HistoryFormat.Rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue: {@code enqueue v}; {@code dequeue} returns an element, or fails with {@code empty}. The FIFO queue
 * returns the oldest element and treats a failed {@code empty} dequeue as an observation; the unordered queue may
 * return any element, and since an indeterminate dequeue may have removed any of them, it ignores indeterminate
 * dequeues and observes no failures.
 */
public final class QueueModel implements Model<List<Object>> {

    private final boolean fifo;
    private final Rules rules;

    /** A FIFO ({@code fifo=true}) or unordered queue under these rules. */
    public QueueModel(boolean fifo, Rules rules) {
        this.fifo = fifo;
        this.rules = rules;
    }

    @Override
    public String name() {
        return fifo ? "fifo-queue" : "unordered-queue";
    }

    @Override
    public List<Object> init() {
        return List.of();
    }

    @Override
    public List<Object> step(List<Object> state, Call call) {
        switch (Calls.f(call)) {
            case "enqueue" -> {
                if (Calls.input(call) == null) {
                    throw new IllegalArgumentException("event " + call.invoke().index() + ": enqueue needs a value,"
                            + " got nil");
                }
                List<Object> next = new ArrayList<>(state);
                next.add(Calls.input(call));
                return fifo ? List.copyOf(next) : sorted(next);
            }
            case "dequeue" -> {
                if (call.outcome() == Operation.Type.FAIL) {
                    return state.isEmpty() ? state : null;
                }
                if (!Calls.ok(call)) {
                    return state.isEmpty() ? state : state.subList(1, state.size()); // FIFO only, see ignores
                }
                Object out = Calls.output(call);
                int at = fifo ? (state.isEmpty() || !Calls.same(state.get(0), out) ? -1 : 0) : indexOf(state, out);
                if (at < 0) {
                    return null;
                }
                List<Object> next = new ArrayList<>(state);
                next.remove(at);
                return List.copyOf(next);
            }
            default -> throw Calls.unknown(name(), call, "enqueue, dequeue");
        }
    }

    private static int indexOf(List<Object> state, Object value) {
        for (int i = 0; i < state.size(); i++) {
            if (Calls.same(state.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The unordered queue keeps its elements sorted by text so equal multisets are equal states. */
    private static List<Object> sorted(List<Object> elements) {
        elements.sort(java.util.Comparator.comparing(String::valueOf));
        return List.copyOf(elements);
    }

    @Override
    public boolean observes(Call failed) {
        return fifo && rules.failuresObserve() && "dequeue".equals(Calls.f(failed))
                && "empty".equals(Calls.error(failed));
    }

    @Override
    public boolean readOnly(Call call) {
        return call.outcome() == Operation.Type.FAIL;
    }

    @Override
    public boolean ignores(Call call) {
        return !fifo && "dequeue".equals(Calls.f(call)) && call.isIndeterminate();
    }
}
