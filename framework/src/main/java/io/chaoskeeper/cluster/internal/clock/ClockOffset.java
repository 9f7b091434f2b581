package io.chaoskeeper.cluster.internal.clock;

/**
 * The offset ZooKeeper's woven {@code org.apache.zookeeper.common.Time} adds to every reading, as set by the agent.
 *
 * <p>Public because the woven class, in another package, calls {@link #millis()}; it runs in the node's JVM, in the
 * agent jar, and may use nothing but the JDK.
 */
public final class ClockOffset {

    /** A spec and when ({@link System#nanoTime()}) it took effect, swapped as one so a strobe's phase is exact. */
    private record Current(ClockSpec spec, long sinceNanos) {
    }

    private static volatile Current current = new Current(ClockSpec.NONE, 0);

    private ClockOffset() {
    }

    /** Milliseconds to add to a clock reading now. */
    public static long millis() {
        Current c = current;
        return c.spec.offsetAt(System.nanoTime() - c.sinceNanos);
    }

    /** The spec in effect. */
    public static ClockSpec spec() {
        return current.spec;
    }

    /** Puts {@code spec} into effect from {@code sinceNanos} ({@link System#nanoTime()}), when a strobe starts. */
    public static void set(ClockSpec spec, long sinceNanos) {
        current = new Current(spec, sinceNanos);
    }
}
