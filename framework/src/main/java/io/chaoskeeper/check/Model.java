package io.chaoskeeper.check;

import io.chaoskeeper.history.Call;

/**
 * A sequential specification: what a single copy of an object does, one operation at a time. The linearizability
 * checker asks whether a concurrent history could have come from it.
 *
 * <p>To add a model, implement {@link #name}, {@link #init} and {@link #step}; states must be immutable and have
 * {@code equals}/{@code hashCode} (records are ideal), because the checker memoises them. The other methods refine
 * the counterexamples and the search.
 *
 * <pre>{@code
 * record Counter(long n) {}
 * Model<Counter> counter = new Model<>() {
 *     public String name() { return "counter"; }
 *     public Counter init() { return new Counter(0); }
 *     public Counter step(Counter s, Call c) {
 *         return switch (c.invoke().f()) {
 *             case "add" -> new Counter(s.n() + (Long) c.invoke().value());
 *             case "read" -> c.value().equals(s.n()) ? s : null;
 *             default -> throw new IllegalArgumentException("counter has no operation '" + c.invoke().f() + "'");
 *         };
 *     }
 * };
 * }</pre>
 *
 * @param <S> the state type
 */
public interface Model<S> {

    /** A short name, e.g. {@code cas-register}. */
    String name();

    /** The state before any operation. */
    S init();

    /**
     * The state after {@code call} takes effect in {@code state}, or null if it cannot (a read that returned another
     * value, a cas whose expected value differs). For a call that did not complete ok ({@link Call#outcome()} info or
     * an observing fail), judge by its invocation alone.
     *
     * @throws IllegalArgumentException if the model has no such operation (the check becomes unknown with the
     *                                  message as the reason)
     */
    S step(S state, Call call);

    /**
     * True for a failed call that still observed something (a failed compare-and-set saw another value); it is then
     * checked like a read. By default a failed call did not happen and is dropped.
     */
    default boolean observes(Call failed) {
        return false;
    }

    /** True for a call that constrains nothing (a read whose value is unknown); the checker skips it. */
    default boolean ignores(Call call) {
        return false;
    }

    /**
     * True when the call never changes any state (a read, a failed compare-and-set): it either fits a state and
     * leaves it, or does not fit. The search then linearizes it as soon as it fits, without trying alternatives,
     * which is what makes read-heavy histories fast. Answering false (the default) is always correct.
     */
    default boolean readOnly(Call call) {
        return false;
    }

    /**
     * True when the call takes effect in every state and what it returned says nothing about the state (a put, an
     * append, a blind write). The search uses it with {@link #overwrites}: once a pending overwrite must come before
     * every call that could observe the state, the state itself no longer matters, so configurations that differ
     * only in it are explored once. Answering false (the default) is always correct.
     */
    default boolean blind(Call call) {
        return false;
    }

    /**
     * True when the state after the call does not depend on the state before it (a put, a write). Answering false
     * (the default) is always correct.
     */
    default boolean overwrites(Call call) {
        return false;
    }

    /**
     * False when no sequence of calls that are {@linkplain #blind blind} and do not {@linkplain #overwrites
     * overwrite} (appends) can take {@code state} to one in which the read-only {@code call} fits, e.g. a get of
     * {@code "ab"} in a state {@code "ac"}. The search then abandons a configuration at once when such a call must
     * come before any other kind of call, instead of trying every order of the appends that may come first. True
     * (the default) is always correct.
     */
    default boolean canStillFit(S state, Call call) {
        return true;
    }

    /**
     * Splits the history into independent parts checked separately (P-compositionality), beyond splitting by
     * {@code key}: calls with different partitions must touch independent state. Null (the default) keeps one part.
     */
    default String partition(Call call) {
        return null;
    }

    /** The call in words for counterexamples, e.g. {@code read 3} or {@code cas 1→2}. */
    default String describe(Call call) {
        Object in = call.invoke().value();
        Object out = call.completion() != null && call.completion().value() != null ? call.completion().value() : in;
        return call.invoke().f() + (out == null ? "" : " " + out);
    }

    /** The state in words for counterexamples, e.g. {@code 4} or {@code held by process 2}. */
    default String describe(S state) {
        return String.valueOf(state);
    }
}
