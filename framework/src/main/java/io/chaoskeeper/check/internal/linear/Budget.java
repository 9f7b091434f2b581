package io.chaoskeeper.check.internal.linear;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limits one check runs under: a wall-clock deadline, the memory all its searches may cost the process
 * together, and a flag that stops every search once one part of the history is found invalid.
 *
 * <p>Searches {@linkplain #charge charge} the bytes their structures hold as they grow (memo pages, interned model
 * states with everything they own, hash tables at their capacity, per-call arrays; see {@link Account}) and
 * {@linkplain #release release} them when a structure drops an array or a search ends, so {@code charged} is what
 * the running searches keep alive. A collector needs free heap beside that live data to work in: Serial and
 * Parallel size the old generation so that 40% of it is free after a full collection (MinHeapFreeRatio) and the
 * young generation at half the old one (NewRatio 2), a heap of 1 / 0.6 × 1.5 = 2.5 times the live data. So the
 * searches may keep {@value #LIVE_PERCENT}% of {@code memoryBytes}, and the heap they make the JVM hold stays near
 * {@code memoryBytes}: 0.8 to 1.1 GiB resident at the default of 1 GiB on 50-client kv histories that exhaust it,
 * with Serial as with G1. When the live data could take the whole budget, the same checks reached 2.3 to 2.9 GiB.
 *
 * @param deadlineNanos {@link System#nanoTime()} after which searches give up
 * @param memoryBytes   the memory all searches of the check may cost, collector headroom included
 * @param stop          set to stop all searches early
 * @param charged       the bytes the running searches keep now
 * @param peak          the most they kept at once
 */
public record Budget(long deadlineNanos, long memoryBytes, AtomicBoolean stop, AtomicLong charged, AtomicLong peak) {

    /** The share of the budget the searches may keep alive, the rest being the collector's (see above). */
    static final int LIVE_PERCENT = 40;

    /** A fresh budget: nothing charged, not stopped. */
    public Budget(long deadlineNanos, long memoryBytes) {
        this(deadlineNanos, memoryBytes, new AtomicBoolean(), new AtomicLong(), new AtomicLong());
    }

    /** Thrown inside a search that must give up; the message is the reason. */
    public static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Throws {@link Exhausted} when the deadline passed, the check was stopped, or the thread was interrupted (which
     * stops the check's other searches too, and stays set for the caller to see).
     */
    public void checkTime() {
        if (Thread.currentThread().isInterrupted()) {
            stop.set(true);
            throw new Exhausted("interrupted");
        }
        if (stop.get()) {
            throw new Exhausted("stopped: another part of the history is not linearizable");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Exhausted("the time limit ran out before the search finished");
        }
    }

    /** The live bytes all searches of the check may keep at once. */
    public long liveLimit() {
        return memoryBytes / 100 * LIVE_PERCENT;
    }

    /**
     * Counts {@code bytes} more kept alive; throws {@link Exhausted} once that passes {@link #liveLimit}. The bytes
     * stay counted until {@linkplain #release released}, also when this throws.
     */
    void charge(long bytes) {
        long now = charged.addAndGet(bytes);
        if (now > peak.get()) {
            peak.accumulateAndGet(now, Math::max);
        }
        if (now > liveLimit()) {
            throw new Exhausted("the memory limit of " + ((memoryBytes + (1 << 20) - 1) >> 20) + " MiB ran out"
                    + " before the search finished (raise it with withMemoryLimit)");
        }
    }

    /** Counts {@code bytes} that were charged as no longer kept (a dropped array, a finished search). */
    void release(long bytes) {
        charged.addAndGet(-bytes);
    }
}
