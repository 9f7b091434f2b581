package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.history.Call;

/**
 * What a register-like model's calls read and write, for the polynomial unique-value analysis and for pruning.
 * {@link #NONE} means "nothing".
 */
public interface ValueRegister {

    /** Neither read nor written. */
    Object NONE = new Object() {
        @Override
        public String toString() {
            return "none";
        }
    };

    /** The value held before any write. */
    Object initialValue();

    /** The value the call writes if it takes effect, or {@link #NONE}. */
    Object written(Call call);

    /** The value the call certainly saw at its linearization point (an ok read, an ok cas' expected value). */
    Object observed(Call call);

    /** The value the call needs the register to hold to take effect (any read's result, any cas' expected value). */
    Object needs(Call call);

    /**
     * True when an indeterminate write whose value no call needs may be dropped: nothing but the value itself can
     * tell it happened (no versions).
     */
    boolean unobservedWritesPrunable();
}
