package io.chaoskeeper.check;

import java.util.Objects;

/**
 * What a server was when an anomaly happened, from the run's cluster timeline.
 *
 * @param node  the node's name, e.g. {@code zk5}
 * @param role  its state then: {@code leader}, {@code follower}, {@code observer}, {@code looking},
 *              {@code standalone}, {@code down} or {@code paused}
 * @param epoch the epoch it was in, or null when it did not say (down, paused, looking)
 */
public record ServerRole(String node, String role, Long epoch) {

    public ServerRole {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(role, "role");
    }

    /** In words, e.g. {@code zk5 (leader, epoch 1)} or {@code zk2 (paused)}. */
    public String describe() {
        return node + " (" + role + (epoch == null ? "" : ", epoch " + epoch) + ")";
    }
}
