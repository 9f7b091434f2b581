package io.chaoskeeper.cluster.internal.local;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What happens to the bytes flowing one way through a {@link Proxy}: nothing, a stall (they stay in the sender's
 * socket buffers until healed, as behind a one-way partition), or a delay with jitter and a rate limit. Read and
 * written only on the proxies' {@link ProxyLoop} thread.
 */
final class Shaping {

    boolean stalled;
    long delayNanos;
    long jitterNanos;
    long rateKbit;

    /** When bytes read at {@code now} may be written on, given when the previous ones may ({@code after}). */
    long releaseAt(long now, long after, int bytes) {
        long delay = delayNanos;
        if (jitterNanos > 0) {
            delay = Math.max(0, delay + ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1));
        }
        // a stream keeps its order: jitter never lets bytes overtake earlier ones
        long release = Math.max(now + delay, after);
        if (rateKbit > 0) {
            release += bytes * 8_000_000L / rateKbit;
        }
        return release;
    }

    /** True when bytes pass at once. */
    boolean isClear() {
        return delayNanos == 0 && jitterNanos == 0 && rateKbit == 0;
    }

    /** Back to no delay and no rate limit (a stall is lifted separately). */
    void clearPacketFaults() {
        delayNanos = 0;
        jitterNanos = 0;
        rateKbit = 0;
    }
}
