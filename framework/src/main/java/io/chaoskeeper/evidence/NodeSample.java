package io.chaoskeeper.evidence;

import java.util.Objects;

/**
 * One poll of one server: a line of {@code cluster.jsonl}.
 *
 * @param time   nanoseconds on the history's clock (the clock of {@code Operation.time}) when the poll started
 * @param node   the node's name, e.g. {@code zk1}
 * @param id     its server id
 * @param state  what it said, or why it did not answer
 * @param epoch  the epoch of its last zxid ({@code zxid >>> 32}), or null when it did not say
 * @param zxid   its last processed zxid, or null when it did not say
 * @param leader the server id of the leader it follows (its own id when it leads), or null when unknown
 * @param error  why it did not answer, or null
 */
public record NodeSample(long time, String node, int id, NodeState state, Long epoch, Long zxid, Integer leader,
                         String error) {

    public NodeSample {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
    }

    /** This sample with another leader. */
    public NodeSample withLeader(Integer leaderId) {
        return new NodeSample(time, node, id, state, epoch, zxid, leaderId, error);
    }

    /** The role in words, e.g. {@code leader, epoch 1}, {@code paused} or {@code looking}. */
    public String describe() {
        return epoch == null ? state.wireName() : state.wireName() + ", epoch " + epoch;
    }
}
