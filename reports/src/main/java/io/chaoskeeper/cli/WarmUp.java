package io.chaoskeeper.cli;

import java.time.Duration;

/**
 * The JIT warm-up before {@code bench} times our checker. Porcupine is compiled ahead of time, so its first run is
 * already its fastest; ours reaches that state only after the JIT has compiled the search for the histories at
 * hand, which on two busy cores took seconds: after 2 s of checking the 60 Knossos fixtures in turn, a 2-operation
 * history still took 38 us and a 291-operation one 870 us; after 12 s they took 2 us and 87 us.
 *
 * <p>The JVM then sits idle while Porcupine checks the same history, and the first checks after an idle second run
 * up to three times slower, with one thread as with two: the CPU's caches and clock have to come back (20-client kv
 * histories: 1.1 to 1.3 ms a check in a loop, 1.3 to 3.9 ms for the five after a second asleep). Porcupine's driver
 * times in a process busy since it started (a probe, then five warm-up runs), so each history is checked
 * {@linkplain #again again} before it is timed.
 */
final class WarmUp {

    /** The default warm-up time (the {@code --warm-up} option). */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final int MAX_PASSES = 1_000_000;
    /** Checking for this long after an idle second restored the loop's times (50 ms did not, quite). */
    private static final Duration AGAIN = Duration.ofMillis(100);
    private static final int AGAIN_PASSES = 5;

    private WarmUp() {
    }

    /** Runs {@code pass} at least {@code minPasses} times and until {@code time} has gone by; returns the passes. */
    static int run(Duration time, int minPasses, Runnable pass) {
        long until = System.nanoTime() + time.toNanos();
        int passes = 0;
        while (passes < minPasses || passes < MAX_PASSES && System.nanoTime() - until < 0) {
            pass.run();
            passes++;
        }
        return passes;
    }

    /**
     * Runs {@code check} on the history about to be timed, five times and for at least 100 ms (see above); returns
     * the runs. None when the warm-up was turned off ({@code warmUp} zero): then a user times the cold path.
     */
    static int again(Duration warmUp, Runnable check) {
        return warmUp.isZero() ? 0 : run(AGAIN, AGAIN_PASSES, check);
    }
}
