package io.chaoskeeper.check;

/** What a checker concluded about a history. */
public enum Verdict {
    /** The history satisfies the property. */
    VALID,
    /** The history violates the property; the result carries at least one {@link Anomaly}. */
    INVALID,
    /** The checker could not decide within its budget, or lacked the data; the result says why. */
    UNKNOWN;

    /** The lower-case name used in output, JSON and reports. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Combines verdicts of parts of one history: any invalid wins, then any unknown. */
    public Verdict and(Verdict other) {
        if (this == INVALID || other == INVALID) {
            return INVALID;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
    }
}
