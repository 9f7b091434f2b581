package io.chaoskeeper.cluster.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Closes, from a JVM shutdown hook, every ensemble that is still open (Ctrl-C, System.exit, a test forgetting). */
public final class OpenEnsembles {

    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenEnsembles::closeAll, "chaoskeeper-close-ensembles"));
    }

    private OpenEnsembles() {
    }

    /** Registers an ensemble to close at JVM exit. */
    public static void add(AutoCloseable ensemble) {
        OPEN.add(ensemble);
    }

    /** Forgets an ensemble that was closed. */
    public static void remove(AutoCloseable ensemble) {
        OPEN.remove(ensemble);
    }

    private static void closeAll() {
        OPEN.parallelStream().forEach(e -> {
            try {
                e.close();
            } catch (Exception ignored) {
                // the JVM is exiting; the next run's sweep removes what we could not
            }
        });
    }
}
