package io.chaoskeeper.cli;

import java.time.Duration;

/**
 * The JIT warm-up before {@code bench} times our checker. Porcupine is compiled ahead of time, so its first run is
 * already its fastest; ours reaches that state only after the JIT has compiled the search for the histories at
 * hand, which on two busy cores took seconds: after 2 s of checking the 60 Knossos fixtures in turn, a 2-operation
 * history still took 38 us and a 291-operation one 870 us; after 12 s they took 2 us and 87 us.
 */
final class WarmUp {

    /** The default warm-up time (the {@code --warm-up} option). */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final int MAX_PASSES = 1_000_000;

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
}
