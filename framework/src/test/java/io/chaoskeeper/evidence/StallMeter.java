package io.chaoskeeper.evidence;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how late this JVM runs a thread that sleeps 10 ms at a time: on a loaded machine every thread of the JVM
 * stalls now and then, and a timing bound must allow for that, not for more.
 */
final class StallMeter implements AutoCloseable {

    private static final long TICK_MS = 10;

    private final AtomicLong longest = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    StallMeter() {
        thread = new Thread(this::measure, "stall-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void measure() {
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long late = System.nanoTime() - before - TICK_MS * 1_000_000;
            longest.accumulateAndGet(late, Math::max);
        }
    }

    /** The longest a 10 ms sleep overran so far, in nanoseconds. */
    long longestStallNanos() {
        return longest.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
