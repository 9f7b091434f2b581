package io.chaoskeeper.history;

/**
 * A client operation as a whole: its invocation and, if it came, its completion.
 *
 * @param invoke     the invocation event
 * @param completion the ok, fail or info event that ended it, or null if the history ends first
 */
public record Call(Operation invoke, Operation completion) {

    /** OK, FAIL, or INFO; a call with no completion is INFO (it may or may not have happened). */
    public Operation.Type outcome() {
        return completion == null ? Operation.Type.INFO : completion.type();
    }

    /** True when the call may or may not have taken effect. */
    public boolean isIndeterminate() {
        return outcome() == Operation.Type.INFO;
    }

    /** The completion time, or {@link Long#MAX_VALUE} if it never completed. */
    public long endTime() {
        return completion == null ? Long.MAX_VALUE : completion.time();
    }

    /** The value the call observed if it completed ok, else the value it was invoked with. */
    public Object value() {
        return completion != null && completion.type() == Operation.Type.OK && completion.value() != null
                ? completion.value() : invoke.value();
    }
}
