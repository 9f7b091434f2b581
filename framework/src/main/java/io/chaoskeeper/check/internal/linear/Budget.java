package io.chaoskeeper.check.internal.linear;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The limits one check runs under: a wall-clock deadline, a bound on memo entries per search (derived from a memory
 * limit), and a flag that stops every search once one part of the history is found invalid.
 *
 * @param deadlineNanos    {@link System#nanoTime()} after which searches give up
 * @param memoryBytesPerSearch the memory one search's memo may take
 * @param stop             set to stop all searches early
 */
public record Budget(long deadlineNanos, long memoryBytesPerSearch, AtomicBoolean stop) {

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

    /** The memo entries a search over bitsets of {@code words} longs in all may keep. */
    long maxEntries(int words) {
        return Math.max(1024, memoryBytesPerSearch / (words * 8L + 120));
    }
}
