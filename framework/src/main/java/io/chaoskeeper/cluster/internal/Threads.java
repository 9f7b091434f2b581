package io.chaoskeeper.cluster.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for blocking Docker and network calls made in parallel. Not the common fork-join pool: on a 2-core
 * machine it has one worker, which would start an ensemble's nodes one after another.
 */
public final class Threads {

    /** Daemon threads, created on demand and dropped after a minute idle. */
    public static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "chaoskeeper-docker");
        thread.setDaemon(true);
        return thread;
    });

    private Threads() {
    }
}
