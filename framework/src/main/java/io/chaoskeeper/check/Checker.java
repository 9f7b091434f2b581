package io.chaoskeeper.check;

import io.chaoskeeper.history.History;

/**
 * Decides whether a history has a property (linearizable, lock-safe, ...). Implementations never throw on a
 * history they cannot decide: they return {@link Verdict#UNKNOWN} with the reason.
 */
public interface Checker {

    /** A short name for output and reports. */
    String name();

    /** Checks the history. */
    CheckResult check(History history);
}
