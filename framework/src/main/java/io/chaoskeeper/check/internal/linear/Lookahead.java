package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Abandons a configuration whose state a pending read can no longer fit. A pending determinate read-only call must
 * be linearized before its return. If every other pending call invoked before that return only reads, appends (is
 * {@linkplain Model#blind blind} without {@linkplain Model#overwrites overwriting}) or overwrites, the read will see
 * the current state or an overwritten one, plus some appends; when {@link Model#canStillFit} rules out all of them,
 * no order of the remaining calls succeeds. Without it the search tries every order of the appends before that read.
 */
final class Lookahead<S> {

    /** Reads checked per configuration: any subset is sound, the first ones prune the most. */
    private static final int READS_CHECKED = 4;
    /** Answers kept at most (12 MiB): the same state and read recur in configurations explored close together. */
    private static final int FITS_KEPT = 1 << 20;

    private final Model<S> model;
    private final List<Call> calls;
    private final LongIntCache fits; // state id << 32 | read -> 1 if it can still fit, else 0
    private final boolean[] reader;
    private final boolean[] overwriter;
    private final boolean[] monotone;
    private final boolean[] blind;
    private final int[] seen;

    Lookahead(Model<S> model, List<Call> calls, boolean[] readOnly, Account account) {
        this.model = model;
        this.fits = new LongIntCache(account, FITS_KEPT);
        this.calls = calls;
        int n = calls.size();
        reader = new boolean[n];
        overwriter = new boolean[n];
        monotone = new boolean[n];
        blind = new boolean[n];
        seen = new int[n];
        for (int i = 0; i < n; i++) {
            Call c = calls.get(i);
            reader[i] = readOnly[i] && !c.isIndeterminate() && !model.blind(c);
            overwriter[i] = model.blind(c) && model.overwrites(c);
            monotone[i] = readOnly[i] || model.blind(c) && !model.overwrites(c);
            blind[i] = model.blind(c);
        }
    }

    /**
     * True when, once {@code linearized} is taken off the event list, some pending read cannot fit the interned
     * {@code state} or any state a pending overwrite invoked before its return leaves ({@code overwritten}: call to
     * interned state), after any appends; {@code states} maps ids to states.
     */
    boolean doomed(int state, IntUnaryOperator overwritten, IntFunction<S> states, Events events, int linearized) {
        int overwrites = 0;
        int reads = 0;
        for (int e = events.first(); e >= 0 && reads < READS_CHECKED; e = events.next(e)) {
            int c = events.callOf(e);
            if (c == linearized) {
                continue;
            }
            if (events.isCall(e)) {
                if (overwriter[c]) {
                    seen[overwrites++] = c;
                } else if (!monotone[c]) {
                    return false;
                }
            } else if (reader[c]) {
                reads++;
                if (!fitsAny(state, overwritten, states, c, overwrites)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when, once {@code linearized} is taken off the event list, no call still to be linearized can ever see
     * the interned {@code state}: every one is blind, or a determinate read that the state cannot reach by appends
     * ({@link Model#canStillFit}). Then every read comes after an overwrite, which leaves the same state whatever
     * came before it, so the state no longer matters (as with {@link DeadStates}, for reads whose values rule it out
     * rather than for overwrites that return first). In a kv history, appends that a put erases before any get reads
     * them are then explored in one order instead of all, even while gets of the put's value are pending.
     */
    boolean unseen(int state, IntFunction<S> states, Events events, int linearized) {
        for (int e = events.first(); e >= 0; e = events.next(e)) {
            int c = events.callOf(e);
            if (c != linearized && events.isCall(e) && !blind[c] && (!reader[c] || canStillFit(state, states, c))) {
                return false;
            }
        }
        return true;
    }

    private boolean fitsAny(int state, IntUnaryOperator overwritten, IntFunction<S> states, int read,
                            int overwrites) {
        if (canStillFit(state, states, read)) {
            return true;
        }
        for (int k = 0; k < overwrites; k++) {
            if (canStillFit(overwritten.applyAsInt(seen[k]), states, read)) {
                return true;
            }
        }
        return false;
    }

    /** {@link Model#canStillFit}, memoised: the same state and read recur in many configurations. */
    private boolean canStillFit(int state, IntFunction<S> states, int read) {
        long key = (long) state << 32 | read;
        int known = fits.get(key, -1);
        if (known < 0) {
            known = model.canStillFit(states.apply(state), calls.get(read)) ? 1 : 0;
            fits.put(key, known);
        }
        return known == 1;
    }
}
