package io.chaoskeeper.cluster.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an ensemble is asked to be, as a backend needs it.
 *
 * @param id           the ensemble's id
 * @param size         the number of servers
 * @param version      the ZooKeeper version
 * @param image        a user's own node image (Docker only), or null
 * @param settings     the {@code zoo.cfg} keys besides paths, ports and membership
 * @param jvmOptions   the servers' JVM options, space-separated
 * @param logDirectory where each node's output goes, as {@code zkN.log}
 */
public record EnsembleSpec(String id, int size, String version, String image, Map<String, String> settings,
                           String jvmOptions, Path logDirectory) {

    public EnsembleSpec {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** This spec under another id, its log directory renamed to match. */
    public EnsembleSpec withId(String newId) {
        return new EnsembleSpec(newId, size, version, image, settings, jvmOptions,
                logDirectory.resolveSibling(newId));
    }
}
