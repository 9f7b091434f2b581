package io.chaoskeeper.evidence;

import java.util.Locale;

/** A server's state in one sample of the cluster timeline, as written in {@code cluster.jsonl}. */
public enum NodeState {
    /** Leads the quorum ({@code srvr} says {@code Mode: leader}). */
    LEADER,
    /** Follows a leader. */
    FOLLOWER,
    /** A non-voting member. */
    OBSERVER,
    /** Answers, but does not serve requests: electing, or cut off from a quorum. */
    LOOKING,
    /** A single server outside any ensemble. */
    STANDALONE,
    /** Does not answer: stopped, killed, or running but silent (the sample's {@code error} says which). */
    DOWN,
    /** Does not answer because its container is paused. */
    PAUSED;

    /** The lower-case name used in {@code cluster.jsonl}, e.g. {@code leader}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state for a wire name, e.g. {@code "paused"}. */
    public static NodeState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True when the server answered with a role (leader, follower, observer, standalone). */
    public boolean isServing() {
        return this == LEADER || this == FOLLOWER || this == OBSERVER || this == STANDALONE;
    }
}
