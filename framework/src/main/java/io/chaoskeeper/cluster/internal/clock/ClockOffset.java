package io.chaoskeeper.cluster.internal.clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The offsets ZooKeeper's woven {@code org.apache.zookeeper.common.Time} adds to its readings, as set by the agent.
 * The wall clock takes the fault's offset as it is, stepping back and forth like a skewed host clock. The elapsed
 * clock (ZooKeeper's monotonic time, behind session expiry and the leader's ticks) takes the largest offset it has
 * shown so far: a monotonic clock may leap ahead, as after a stall, but never steps back. Stepping it back would
 * fault ZooKeeper in a way no real clock can (a leader waiting the whole step before its next ping).
 *
 * <p>Public because the woven class, in another package, calls {@link #wallMillis()} and {@link #elapsedMillis()};
 * it runs in the node's JVM, in the agent jar, and may use nothing but the JDK.
 */
public final class ClockOffset {

    /** A spec and when ({@link System#nanoTime()}) it took effect, swapped as one so a strobe's phase is exact. */
    private record Current(ClockSpec spec, long sinceNanos) {
    }

    private static volatile Current current = new Current(ClockSpec.NONE, 0);
    private static final AtomicLong ELAPSED_LEAP = new AtomicLong();

    private ClockOffset() {
    }

    /** Milliseconds to add to a wall clock reading now. */
    public static long wallMillis() {
        Current c = current;
        return c.spec.offsetAt(System.nanoTime() - c.sinceNanos);
    }

    /** Milliseconds to add to an elapsed clock reading now: the largest offset so far, never less than zero. */
    public static long elapsedMillis() {
        long offset = wallMillis();
        long leap = ELAPSED_LEAP.get();
        return offset <= leap ? leap : ELAPSED_LEAP.accumulateAndGet(offset, Math::max);
    }

    /** Forgets the elapsed clock's leaps, as a new JVM would; for tests that share one JVM. */
    static void forgetElapsedLeap() {
        ELAPSED_LEAP.set(0);
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
