package io.chaoskeeper.cluster;

/** A server's role as it reports it through the {@code srvr} four-letter command. */
public enum NodeMode {
    /** Leads the quorum. */
    LEADER,
    /** Follows the leader. */
    FOLLOWER,
    /** A non-voting member. */
    OBSERVER,
    /** A single server outside any ensemble. */
    STANDALONE,
    /** Up but not serving: electing, syncing with its leader, or partitioned from a quorum. */
    NOT_SERVING,
    /** Not answering at all: down, paused, starting, or cut off from its clients. */
    SILENT;

    /** Parses the value after {@code Mode:} in a {@code srvr} answer. */
    static NodeMode parse(String mode) {
        return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "leader" -> LEADER;
            case "follower" -> FOLLOWER;
            case "observer" -> OBSERVER;
            case "standalone" -> STANDALONE;
            default -> NOT_SERVING;
        };
    }

    /** True when the server answers client requests. */
    public boolean isServing() {
        return this != NOT_SERVING && this != SILENT;
    }
}
