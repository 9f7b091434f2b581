package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.history.Call;

import java.util.Arrays;
import java.util.List;

/**
 * The search's doubly linked list of call and return events in history order: the calls not yet linearized, with
 * the returns of the determinate ones. Linearizing a call lifts its two events out; backtracking puts them back.
 * Entries are ints, {@code -1} ends the list.
 */
final class Events {

    static final int NIL = -1;

    private final int head; // the sentinel entry
    private final int[] next;
    private final int[] prev;
    private final int[] callOf;
    private final int[] match; // call entry -> its return entry, or NIL
    private final boolean[] isCall;

    /** The events of {@code calls} (positions are their ids); indeterminate calls have no return. */
    Events(List<Call> calls) {
        int n = calls.size();
        long[] events = new long[2 * n]; // history index << 32 | call << 1 | 1 for an invocation
        int m = 0;
        for (int i = 0; i < n; i++) {
            Call c = calls.get(i);
            events[m++] = packed(c.invoke().index(), i, 1);
            if (!c.isIndeterminate()) {
                events[m++] = packed(c.completion().index(), i, 0);
            }
        }
        Arrays.sort(events, 0, m);
        head = m;
        next = new int[m + 1];
        prev = new int[m + 1];
        callOf = new int[m];
        match = new int[m];
        isCall = new boolean[m];
        int[] callEntry = new int[n];
        for (int e = 0; e < m; e++) {
            callOf[e] = (int) events[e] >>> 1;
            isCall[e] = (events[e] & 1) == 1;
            match[e] = NIL;
            if (isCall[e]) {
                callEntry[callOf[e]] = e;
            } else {
                match[callEntry[callOf[e]]] = e;
            }
            next[e] = e + 1 < m ? e + 1 : NIL;
            prev[e] = e == 0 ? head : e - 1;
        }
        next[head] = m > 0 ? 0 : NIL;
    }

    private static long packed(long index, int call, int isCall) {
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("event index " + index + (index < 0 ? " is negative"
                    : " is beyond " + Integer.MAX_VALUE + ", the largest the linearizability search orders"));
        }
        return index << 32 | (long) call << 1 | isCall;
    }

    int first() {
        return next[head];
    }

    int next(int e) {
        return next[e];
    }

    int callOf(int e) {
        return callOf[e];
    }

    boolean isCall(int e) {
        return isCall[e];
    }

    /** Takes the call entry {@code e} and its return out of the list. */
    void lift(int e) {
        unlink(e);
        if (match[e] != NIL) {
            unlink(match[e]);
        }
    }

    /** Puts back what {@link #lift} took out (in reverse order of lifting). */
    void unlift(int e) {
        if (match[e] != NIL) {
            relink(match[e]);
        }
        relink(e);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != NIL) {
            prev[next[e]] = prev[e];
        }
    }

    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != NIL) {
            prev[next[e]] = e;
        }
    }
}
