package io.chaoskeeper.check.internal.linear;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limits one check runs under: a wall-clock deadline, the memory all its searches may take together (memo
 * entries, interned model states and transitions, estimated as they are added), and a flag that stops every search
 * once one part of the history is found invalid.
 *
 * @param deadlineNanos {@link System#nanoTime()} after which searches give up
 * @param memoryBytes   the memory all searches of the check may take
 * @param stop          set to stop all searches early
 * @param charged       the memory the searches took so far
 */
public record Budget(long deadlineNanos, long memoryBytes, AtomicBoolean stop, AtomicLong charged) {

    /** A fresh budget: nothing charged, not stopped. */
    public Budget(long deadlineNanos, long memoryBytes) {
        this(deadlineNanos, memoryBytes, new AtomicBoolean(), new AtomicLong());
    }

    /** Thrown inside a search that must give up; the message is the reason. */
    public static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Throws {@link Exhausted} when the deadline passed or the check was stopped. */
    public void checkTime() {
        if (stop.get()) {
            throw new Exhausted("stopped: another part of the history is not linearizable");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Exhausted("the time limit ran out before the search finished");
        }
    }

    /** Counts {@code bytes} more; throws {@link Exhausted} once the memory limit is passed. */
    void charge(long bytes) {
        if (charged.addAndGet(bytes) > memoryBytes) {
            throw new Exhausted("the memory limit of " + ((memoryBytes + (1 << 20) - 1) >> 20) + " MiB ran out before the search"
                    + " finished (raise it with withMemoryLimit)");
        }
    }

    /** About what an interned model state takes: the object, its map entry and its list slot. */
    static long sizeOf(Object state) {
        return state instanceof CharSequence s ? 128 + s.length() : 160;
    }
}
