package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.Call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The Wing–Gong–Lowe search (as in Porcupine): walk the history's call and return events as a doubly linked list;
 * at a call, try to linearize it next (apply it to the model, remove it from the list); at a return whose call is
 * not yet linearized, backtrack. A memo of (linearized set, state) prunes configurations already explored.
 *
 * <p>Indeterminate calls have no return event, so they never force a backtrack: they may be linearized at any point
 * after their invocation or never. The search succeeds when every determinate call is linearized. At each step the
 * determinate candidates are tried first and the indeterminate ones only when those are exhausted, so configurations
 * with few timed-out calls linearized are explored first and the memo's domination rule (see {@link Memo}) prunes
 * the supersets. A {@linkplain Model#readOnly read-only} call that fits is linearized at once without trying the
 * alternatives: whatever linearization exists then also exists with it first (moving it earlier breaks no real-time
 * order, since every call that returned before it was invoked is already linearized, and changes no state).
 *
 * <p>Model states are interned to ints and transitions memoised (in a bounded cache), so the inner loop touches only
 * primitive arrays. What the search keeps is charged to the check's {@link Budget} as it grows and given back when
 * it ends.
 */
public final class Search<S> {

    private static final int NIL = -1;

    /**
     * Bytes a search keeps per call besides its growing structures: the event list (two events a call, four int
     * arrays and a flag array over them), the Zobrist keys, and the per-call flags and stacks of {@link #run},
     * {@link DeadStates} and {@link Lookahead}: 66 bytes, rounded up.
     */
    private static final int PER_CALL = 72;
    /** Transitions kept at most (12 MiB): a search with few states keeps them all, one with millions the recent. */
    private static final int TRANSITIONS_KEPT = 1 << 20;

    private final Model<S> model;
    private final List<Call> calls;
    private final Budget budget;
    private final Account account;

    private final Events events;
    private final States<S> states;
    private final LongIntCache transitions;
    private final long[] zobrist;
    private final DeadStates deadStates;
    private int[] witness = new int[0];
    private int[] witnessStates = new int[0];

    /** A search over {@code calls} (invocations in history order; positions are their ids). */
    public Search(Model<S> model, List<Call> calls, Budget budget) {
        this.model = model;
        this.calls = calls;
        this.budget = budget;
        account = new Account(budget);
        states = new States<>(account);
        transitions = new LongIntCache(account, TRANSITIONS_KEPT);
        int n = calls.size();
        events = new Events(calls);
        zobrist = new long[n];
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            zobrist[i] = random.nextLong();
        }
        deadStates = new DeadStates(model, calls);
    }

    /**
     * Runs the search.
     *
     * @throws Budget.Exhausted when the time or memory budget runs out
     */
    public Outcome run() {
        try {
            account.charge((long) PER_CALL * calls.size());
            return search();
        } finally {
            account.close(); // what the search kept is garbage now, so other parts may use its share
        }
    }

    private Outcome search() {
        int n = calls.size();
        int[] bit = new int[n];
        boolean[] indeterminate = new boolean[n];
        int determinateCount = 0;
        int indeterminateCount = 0;
        for (int i = 0; i < n; i++) {
            indeterminate[i] = calls.get(i).isIndeterminate();
            bit[i] = indeterminate[i] ? indeterminateCount++ : determinateCount++;
        }
        long[] det = new long[Math.max(1, (determinateCount + 63) >>> 6)];
        long[] ind = new long[(indeterminateCount + 63) >>> 6]; // none at all when every call completed
        Memo memo = new Memo(account, det.length, ind.length);
        long hash = 0;
        int state = states.intern(model.init());
        int remaining = determinateCount;
        int[] stackEntry = new int[n];
        int[] stackState = new int[n];
        int depth = 0;
        int[] best = new int[0];
        int failing = NIL;
        long steps = 0;
        boolean[] readOnly = new boolean[n];
        for (int i = 0; i < n; i++) {
            readOnly[i] = model.readOnly(calls.get(i));
        }
        boolean[] forced = new boolean[n];
        Lookahead<S> lookahead = new Lookahead<>(model, calls, readOnly, account);
        IntUnaryOperator overwritten = c -> transition(0, c);
        int entry = events.first();
        boolean lazy = false; // second pass of a walk: trying the indeterminate calls before the stuck return
        while (remaining > 0) {
            if ((++steps & 0x3FF) == 0) {
                budget.checkTime();
            }
            if (entry == NIL) {
                throw new IllegalStateException("the event list ended with determinate calls left");
            }
            int call = events.callOf(entry);
            boolean backtrack = false;
            if (events.isCall(entry)) {
                if (indeterminate[call] != lazy) {
                    entry = events.next(entry);
                    continue;
                }
                int after = transition(state, call);
                if (after >= 0 && after != state
                        && lookahead.doomed(after, overwritten, states::get, events, call)) {
                    after = -1;
                }
                if (after >= 0) {
                    long[] set = lazy ? ind : det;
                    int b = bit[call];
                    set[b >>> 6] |= 1L << b;
                    long h = lazy ? hash : hash ^ zobrist[call];
                    int key = deadStates.dead(events, call)
                            || after != state && lookahead.unseen(after, states::get, events, call)
                            ? DeadStates.DEAD : after;
                    boolean added = memo.add(det, ind, Mix.mix(h ^ key * 0x9E3779B97F4A7C15L), key);
                    if (added) {
                        forced[depth] = readOnly[call];
                        stackEntry[depth] = entry;
                        stackState[depth++] = state;
                        state = after;
                        hash = h;
                        remaining -= lazy ? 0 : 1;
                        events.lift(entry);
                        entry = events.first();
                        lazy = false;
                        continue;
                    }
                    set[b >>> 6] &= ~(1L << b);
                    // A read-only call can go first whenever it fits, so if that configuration already
                    // failed, this one fails too.
                    backtrack = readOnly[call];
                }
                if (!backtrack) {
                    entry = events.next(entry);
                    continue;
                }
            } else if (!lazy && indeterminateCount > 0) {
                entry = events.first(); // determinate candidates exhausted: now try the indeterminate ones
                lazy = true;
                continue;
            } else if (depth > best.length || failing == NIL) {
                best = Arrays.copyOf(stackEntry, depth);
                failing = call;
            }
            int undone;
            do {
                if (depth == 0) {
                    return new Outcome(Verdict.INVALID, null,
                            counterexample(memo, best, failing, bit, indeterminate, det.length, ind.length),
                            memo.size());
                }
                entry = stackEntry[--depth];
                state = stackState[depth];
                undone = events.callOf(entry);
                long[] set = indeterminate[undone] ? ind : det;
                set[bit[undone] >>> 6] &= ~(1L << bit[undone]);
                hash ^= indeterminate[undone] ? 0 : zobrist[undone];
                remaining += indeterminate[undone] ? 0 : 1;
                events.unlift(entry);
            } while (forced[depth]);
            lazy = indeterminate[undone];
            entry = events.next(entry);
        }
        witness = new int[depth];
        witnessStates = new int[depth + 1];
        for (int k = 0; k < depth; k++) {
            witness[k] = events.callOf(stackEntry[k]);
            witnessStates[k] = stackState[k];
        }
        witnessStates[depth] = state;
        return new Outcome(Verdict.VALID, null, null, memo.size());
    }

    /**
     * After a valid {@link #run}: those of {@code observers} (calls that never change the state, such as failed
     * compare-and-sets) that fit nowhere into the linearization found within their real-time window. If none is
     * returned, the history with them is linearizable too; otherwise nothing is proven.
     */
    public List<Call> misfits(List<Call> observers) {
        int w = witness.length;
        long[] invokedAt = new long[w];
        long[] returnedAt = new long[w];
        for (int k = 0; k < w; k++) {
            Call c = calls.get(witness[k]);
            invokedAt[k] = c.invoke().index();
            returnedAt[k] = c.isIndeterminate() ? Long.MAX_VALUE : c.completion().index();
        }
        List<Call> misfits = new ArrayList<>();
        for (Call o : observers) {
            long invoked = o.invoke().index();
            long returned = o.isIndeterminate() ? Long.MAX_VALUE : o.completion().index();
            int lo = 0;
            int hi = w;
            for (int k = 0; k < w; k++) {
                if (returnedAt[k] < invoked) {
                    lo = k + 1;
                }
                if (invokedAt[k] > returned && k < hi) {
                    hi = k;
                }
            }
            boolean fits = false;
            for (int k = lo; k <= hi && !fits; k++) {
                S before = states.get(witnessStates[k]);
                fits = before.equals(model.step(before, o));
            }
            if (!fits) {
                misfits.add(o);
            }
        }
        return misfits;
    }

    private int transition(int state, int call) {
        long key = (long) state << 32 | call;
        int known = transitions.get(key, -2);
        if (known != -2) {
            return known;
        }
        S after = model.step(states.get(state), calls.get(call));
        int id = after == null ? -1 : states.intern(after);
        transitions.put(key, id);
        return id;
    }

    /**
     * Builds the counterexample: the deepest linearization found, the call whose return it could not pass, and the
     * states the memo saw that call could be linearized in (every explored configuration that holds all calls that
     * returned before it was invoked and only calls invoked before it returned).
     */
    private Outcome.Counterexample counterexample(Memo memo, int[] bestEntries, int failing, int[] bit,
                                                  boolean[] indeterminate, int detWords, int indWords) {
        List<Integer> prefix = new ArrayList<>();
        for (int e : bestEntries) {
            prefix.add(events.callOf(e));
        }
        Call f = calls.get(failing);
        long invoked = f.invoke().index();
        long returned = f.isIndeterminate() ? Long.MAX_VALUE : f.completion().index();
        long[][] must = {new long[detWords], new long[indWords]};
        long[][] allowed = {new long[detWords], new long[indWords]};
        List<Integer> concurrent = new ArrayList<>();
        boolean mustIsEmpty = true;
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            int space = indeterminate[i] ? 1 : 0;
            boolean endedBefore = !c.isIndeterminate() && c.completion().index() < invoked;
            if (endedBefore) {
                must[space][bit[i] >>> 6] |= 1L << bit[i];
                mustIsEmpty = false;
            }
            if (i != failing && c.invoke().index() < returned) {
                allowed[space][bit[i] >>> 6] |= 1L << bit[i];
                if (!endedBefore) {
                    concurrent.add(i);
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        if (mustIsEmpty) {
            seen.add(model.describe(states.get(0)));
        }
        for (int e = 0; e < memo.size() && seen.size() < 8; e++) {
            if (memo.state(e) != DeadStates.DEAD && memo.within(e, must[0], allowed[0], must[1], allowed[1])) {
                seen.add(model.describe(states.get(memo.state(e))));
            }
        }
        List<String> stateWords = List.copyOf(seen);
        String message = model.describe(f) + " (event " + f.invoke().index() + ") cannot be linearized: "
                + (stateWords.isEmpty() ? "no order of the calls before it leads to a state it fits"
                : "at that point the " + model.name() + " could only be " + or(stateWords));
        return new Outcome.Counterexample(message, prefix, failing, concurrent, stateWords);
    }

    static String or(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
