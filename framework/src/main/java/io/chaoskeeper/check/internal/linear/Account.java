package io.chaoskeeper.check.internal.linear;

/**
 * What one search keeps, charged to the check's shared {@link Budget}. Only the search's own thread uses it.
 *
 * <p>Small charges (one interned state, one memo page) are gathered here and passed on in batches of
 * {@value #BATCH} bytes: the budget is one atomic counter shared by the parts searched in parallel, and a
 * compare-and-set per state would have the threads contend on it. When the search ends, {@link #close} gives back
 * everything it charged, since its structures are then garbage; so the budget counts what the searches running
 * at the same time keep, not what every search of the check ever kept.
 */
final class Account {

    private static final long BATCH = 64 << 10;

    private final Budget budget;
    private long pending;
    private long passedOn;

    Account(Budget budget) {
        this.budget = budget;
    }

    /**
     * Counts {@code bytes} more kept.
     *
     * @throws Budget.Exhausted when the check's memory budget runs out
     */
    void charge(long bytes) {
        pending += bytes;
        if (pending >= BATCH) {
            flush();
        }
    }

    /** Counts {@code bytes} charged before as no longer kept (an array replaced by a larger one). */
    void release(long bytes) {
        pending -= bytes;
        if (pending <= -BATCH) {
            flush();
        }
    }

    /** What this search keeps, in bytes, counted so far. */
    long kept() {
        return passedOn + pending;
    }

    /** Gives back everything charged: the search is over and its structures are garbage. */
    void close() {
        budget.release(passedOn);
        passedOn = 0;
        pending = 0;
    }

    private void flush() {
        long bytes = pending;
        pending = 0;
        passedOn += bytes; // counted as passed on before the budget may throw, so that close gives it back
        if (bytes > 0) {
            budget.charge(bytes);
        } else {
            budget.release(-bytes);
        }
    }
}
