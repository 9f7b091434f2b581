package io.chaoskeeper.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable history: client operations and fault events on one timeline, in index order.
 */
public final class History {

    private final List<Operation> operations;

    private History(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /** A history of these events, which must be in index order. */
    public static History of(List<Operation> operations) {
        return new History(operations);
    }

    /** All events, in index order. */
    public List<Operation> operations() {
        return operations;
    }

    /** The number of events. */
    public int size() {
        return operations.size();
    }

    /** Client events only (no nemesis events). */
    public List<Operation> clientOperations() {
        return operations.stream().filter(op -> !op.isNemesis()).toList();
    }

    /** Fault events only. */
    public List<Operation> faultEvents() {
        return operations.stream().filter(Operation::isNemesis).toList();
    }

    /**
     * Pairs each client invocation with the next event of the same process, in invocation order. Pairing goes by
     * list order while checkers order events by index, so both must agree: indexes must strictly increase.
     *
     * @throws HistoryFormatException if indexes do not strictly increase, a process completes an operation it never
     *                                invoked, or invokes twice without a completion between
     */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>(operations.size() / 2 + 1);
        // One slot per process, set while it has a call open: a map update per event cost a third of a fast check.
        Map<Long, int[]> open = new HashMap<>();
        long previous = Long.MIN_VALUE;
        for (Operation op : operations) {
            if (op.index() <= previous) {
                throw new HistoryFormatException("event " + op.index() + " comes after event " + previous
                        + "; indexes must strictly increase");
            }
            previous = op.index();
            if (op.isNemesis()) {
                continue;
            }
            int[] pending = open.computeIfAbsent(op.process(), p -> new int[] {-1});
            if (op.isInvoke()) {
                if (pending[0] >= 0) {
                    throw new HistoryFormatException("event " + op.index() + ": process " + op.process()
                            + " invokes again while its operation at event " + calls.get(pending[0]).invoke().index()
                            + " is still open");
                }
                pending[0] = calls.size();
                calls.add(new Call(op, null));
            } else {
                if (pending[0] < 0) {
                    throw new HistoryFormatException("event " + op.index() + ": process " + op.process()
                            + " completes an operation it never invoked");
                }
                calls.set(pending[0], new Call(calls.get(pending[0]).invoke(), op));
                pending[0] = -1;
            }
        }
        return calls;
    }
}
