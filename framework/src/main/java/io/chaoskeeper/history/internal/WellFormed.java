package io.chaoskeeper.history.internal;

import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.Operation;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks a history's structure event by event as a reader meets them, so that a bad history is rejected at the
 * boundary with one sentence naming its line instead of getting a silent wrong verdict: indexes strictly increase
 * (the search orders events by index, pairing goes by line order: they must agree), a process invokes only when its
 * previous operation has completed, and completes only what it invoked. Fault events are only ordered.
 */
public final class WellFormed {

    private final String source;
    private final Map<Long, Long> openSince = new HashMap<>();
    private long lastIndex;
    private long lastLine = -1;

    /** A check of one source; {@code source} names it in error messages. */
    public WellFormed(String source) {
        this.source = source;
    }

    /**
     * Accepts the next event, read from {@code line}.
     *
     * @return the event
     * @throws HistoryFormatException {@code source:line: problem} when the event breaks the structure
     */
    public Operation accept(long line, Operation op) {
        if (lastLine >= 0 && op.index() <= lastIndex) {
            throw HistoryFormatException.at(source, line, op.index() == lastIndex
                    ? "duplicate index " + op.index() + " (line " + lastLine + " has it too)"
                    : "index " + op.index() + " is lower than index " + lastIndex + " on line " + lastLine
                    + "; indexes must increase from line to line");
        }
        lastIndex = op.index();
        lastLine = line;
        if (op.isNemesis()) {
            return op;
        }
        Long open = op.isInvoke() ? openSince.putIfAbsent(op.process(), line) : openSince.remove(op.process());
        if (op.isInvoke() && open != null) {
            throw HistoryFormatException.at(source, line, "process " + op.process() + " invokes again while its"
                    + " operation invoked on line " + open + " is still open");
        }
        if (!op.isInvoke() && open == null) {
            throw HistoryFormatException.at(source, line, "process " + op.process() + " completes (" + op.type()
                    .wireName() + " " + op.f() + ") an operation it never invoked");
        }
        return op;
    }
}
