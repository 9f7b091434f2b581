package io.chaoskeeper.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A storage service outside ZooKeeper that a lock guards: a counter and the last fencing token it accepted, shared
 * by the clients of one JVM. Because it does not go through ZooKeeper, a client whose ZooKeeper server is paused can
 * still write it: the two-holders hazard of a lock whose holder's session expired unnoticed (CURATOR-206) shows up
 * here, as it would in a real database. An update waits half {@link #withLatency(Duration) the storage latency},
 * reads, waits the latency, then writes, so two concurrent holders can lose an update. Fenced updates are compared and written atomically and
 * rejected when their token is below the last one.
 */
public final class GuardedStorage {

    /** Thrown by a fenced update whose token is below the last accepted one. */
    public static final class StaleTokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long lastToken;

        StaleTokenException(long token, long lastToken) {
            super("token " + token + " is below the last accepted token " + lastToken);
            this.lastToken = lastToken;
        }

        /** The token the storage had accepted last. */
        public long lastToken() {
            return lastToken;
        }
    }

    private final Object lock = new Object();
    private long counter;
    private long lastToken = -1;
    private volatile String lastWriter;
    private Duration latency = Duration.ofMillis(20);

    /** How long an update takes between its read and its write, ±50 % (default 20 ms). */
    public GuardedStorage withLatency(Duration updateLatency) {
        this.latency = updateLatency;
        return this;
    }

    /**
     * Increments the counter on behalf of a lock holder.
     *
     * @param token  the holder's fencing token
     * @param writer who writes (e.g. the server its client is bound to), see {@link #lastWriter()}
     * @param fenced reject a token below the last accepted one
     * @return {@code {"token", "read", "wrote", "lastToken"}} as the lock workload records it
     */
    public Map<String, Object> update(long token, String writer, boolean fenced)
            throws InterruptedException, StaleTokenException {
        long read;
        long previousToken;
        Thread.sleep(jittered() / 2); // the request's way to the storage: another holder may write meanwhile
        if (fenced) {
            synchronized (lock) {
                if (token < lastToken) {
                    throw new StaleTokenException(token, lastToken);
                }
                read = counter;
                previousToken = lastToken;
                Thread.sleep(jittered());
                counter = read + 1;
                lastToken = token;
                lastWriter = writer;
            }
        } else {
            synchronized (lock) {
                read = counter;
                previousToken = lastToken;
            }
            Thread.sleep(jittered()); // the unguarded window a second holder can slip into
            synchronized (lock) {
                counter = read + 1;
                lastToken = token;
                lastWriter = writer;
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("token", token);
        v.put("read", read);
        v.put("wrote", read + 1);
        v.put("lastToken", previousToken);
        return v;
    }

    /** The latency, ±50 %: two holders updating in lock step would each only ever read their own token. */
    private long jittered() {
        long ms = latency.toMillis();
        return ms / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ms + 1);
    }

    /** The last accepted token, or null before the first update. */
    public Long lastToken() {
        synchronized (lock) {
            return lastToken < 0 ? null : lastToken;
        }
    }

    /** Who wrote last, or null before the first update. */
    public String lastWriter() {
        return lastWriter;
    }
}
