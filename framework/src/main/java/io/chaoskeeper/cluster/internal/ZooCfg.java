package io.chaoskeeper.cluster.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code zoo.cfg} every node of an ensemble shares: defaults tuned for fast, small test ensembles, the user's
 * overrides, and the keys the ensemble owns (paths, ports, membership), which cannot be overridden.
 */
public final class ZooCfg {

    /** The client port inside every container. */
    public static final int CLIENT_PORT = 2181;
    /** Where each node keeps its data: in the container's file system, so it survives kill and start. */
    public static final String DATA_DIR = "/data";

    /** The key that lets the membership change while the ensemble runs (ZooKeeper's dynamic reconfiguration). */
    public static final String RECONFIG_ENABLED = "reconfigEnabled";

    private static final Set<String> OWNED = Set.of("dataDir", "dataLogDir", "clientPort", "clientPortAddress",
            "standaloneEnabled", "dynamicConfigFile");

    private ZooCfg() {
    }

    /** The defaults a user may override: a 200 ms tick, the four-letter words the framework uses, no admin server. */
    public static Map<String, String> defaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tickTime", "200");
        settings.put("initLimit", "25");
        settings.put("syncLimit", "10");
        settings.put("4lw.commands.whitelist", "srvr,mntr,stat,ruok,conf,cons");
        settings.put("admin.enableServer", "false");
        settings.put("forceSync", "no");
        // txn log files grow in 1 MiB steps, not 64 MiB of zeros: each run copies every node's data directory out
        settings.put("preAllocSize", "1024");
        // each server binds its quorum ports on all addresses, not just the one its alias resolved to at start
        settings.put("quorumListenOnAllIPs", "true");
        return settings;
    }

    /** Rejects keys the ensemble owns and keys or values that would break the file's line format. */
    public static void checkOverride(String key, String value) {
        if (key == null || key.isBlank() || key.contains("=") || key.contains("\n") || !key.equals(key.trim())) {
            throw new IllegalArgumentException("'" + key + "' is not a zoo.cfg key.");
        }
        if (OWNED.contains(key) || key.startsWith("server.") || key.startsWith("group.")
                || key.startsWith("weight.")) {
            throw new IllegalArgumentException("The zoo.cfg key " + key
                    + " is set by the ensemble itself and cannot be overridden.");
        }
        if (value == null || value.contains("\n")) {
            throw new IllegalArgumentException("The value of zoo.cfg key " + key + " must be one line.");
        }
    }

    /** The file for an ensemble of {@code nodes} servers named zk1..zkN on its network. */
    public static String render(int nodes, Map<String, String> settings) {
        StringBuilder cfg = new StringBuilder()
                .append("dataDir=").append(DATA_DIR).append('\n')
                .append("clientPort=").append(CLIENT_PORT).append('\n')
                // a one-node ensemble is a quorum of one with a leader, like the others, not a "standalone"
                .append("standaloneEnabled=false\n");
        settings.forEach((k, v) -> cfg.append(k).append('=').append(v).append('\n'));
        // No client address in the server lines: clients must keep using the 127.0.0.1 ports we publish, and
        // Curator's EnsembleTracker would otherwise rewrite its connect string from /zookeeper/config.
        for (int id = 1; id <= nodes; id++) {
            cfg.append("server.").append(id).append("=zk").append(id).append(":2888:3888\n");
        }
        return cfg.toString();
    }
}
