package io.chaoskeeper.cluster.internal.clock;

/**
 * What a node's clock agent adds to the time ZooKeeper reads: a steady shift, or a strobe that alternates between
 * the shift and none every period, starting with the shift. Written by the framework to the node's clock file as
 * one line, {@code shift <millis>} or {@code strobe <millis> <periodMillis>}, and parsed there by the agent.
 *
 * <p>This class runs inside the node's JVM, in the agent jar: it may use nothing but the JDK.
 *
 * @param shiftMillis  milliseconds added to both of ZooKeeper's clocks; may be negative; 0 for none
 * @param periodMillis how long each strobe phase lasts, or 0 for a steady shift
 */
public record ClockSpec(long shiftMillis, long periodMillis) {

    /** No offset: what a node runs with until a clock fault is applied, and again once it is healed. */
    public static final ClockSpec NONE = new ClockSpec(0, 0);

    public ClockSpec {
        if (periodMillis < 0) {
            throw new IllegalArgumentException("a strobe period cannot be negative, was " + periodMillis + " ms");
        }
    }

    /**
     * The spec in a clock file's line, without its final newline.
     *
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static ClockSpec parse(String line) {
        String[] words = line.trim().split("\\s+");
        try {
            if (words.length == 2 && words[0].equals("shift")) {
                return new ClockSpec(Long.parseLong(words[1]), 0);
            }
            if (words.length == 3 && words[0].equals("strobe")) {
                long period = Long.parseLong(words[2]);
                if (period < 1) {
                    throw new IllegalArgumentException("a strobe period must be at least 1 ms: '" + line + "'");
                }
                return new ClockSpec(Long.parseLong(words[1]), period);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number of milliseconds in '" + line + "'", e);
        }
        throw new IllegalArgumentException("expected 'shift <millis>' or 'strobe <millis> <periodMillis>', got '"
                + line + "'");
    }

    /** The line {@link #parse} reads back, e.g. {@code strobe 5000 500}. */
    public String format() {
        return periodMillis == 0 ? "shift " + shiftMillis : "strobe " + shiftMillis + " " + periodMillis;
    }

    /**
     * The offset in milliseconds this spec gives {@code elapsedNanos} after the agent read it: the shift, or for a
     * strobe the shift during even periods (the first included) and 0 during odd ones.
     */
    public long offsetAt(long elapsedNanos) {
        if (periodMillis == 0) {
            return shiftMillis;
        }
        long phase = Math.max(0, elapsedNanos) / 1_000_000 / periodMillis;
        return phase % 2 == 0 ? shiftMillis : 0;
    }
}
