package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.NodeMode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which node a {@link FaultSequence} step hits, chosen by the role the node has when the step runs: the leader, a
 * follower by rank (followers ordered by server id), a random follower, the node that last rejoined or was hit last,
 * or a named node.
 * Aiming at roles instead of names is what makes a sequence such as "a stale follower rejoins, then the leader dies"
 * happen in every run rather than by luck.
 */
public final class Role {

    private enum Kind { LEADER, FOLLOWER, HIGHEST_FOLLOWER, RANDOM_FOLLOWER, LAST_REJOINED, LAST_HIT, NAMED }

    /** zk2 before zk10: node names differ only in their server id. */
    private static final Comparator<String> BY_SERVER_ID = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final Kind kind;
    private final int rank;
    private final String name;

    private Role(Kind kind, int rank, String name) {
        this.kind = kind;
        this.rank = rank;
        this.name = name;
    }

    /** The node that leads when the step runs. */
    public static Role leader() {
        return new Role(Kind.LEADER, 0, null);
    }

    /** The rank-th follower (1 = the follower with the lowest server id) when the step runs. */
    public static Role follower(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("a follower's rank starts at 1, not " + rank);
        }
        return new Role(Kind.FOLLOWER, rank, null);
    }

    /**
     * The follower with the highest server id: among equally up-to-date nodes ZooKeeper's election picks the
     * highest id, so once this node has caught up it is the one that wins when the leader dies.
     */
    public static Role highestFollower() {
        return new Role(Kind.HIGHEST_FOLLOWER, 0, null);
    }

    /** A follower drawn with the run's seed. */
    public static Role randomFollower() {
        return new Role(Kind.RANDOM_FOLLOWER, 0, null);
    }

    /** The node whose fault the sequence healed last: the one that rejoined most recently. */
    public static Role lastRejoined() {
        return new Role(Kind.LAST_REJOINED, 0, null);
    }

    /**
     * The node the sequence's latest fault was aimed at, whatever its mode now: a second fault on a node that the
     * first cut off (it no longer follows, so no follower rank finds it).
     */
    public static Role lastHit() {
        return new Role(Kind.LAST_HIT, 0, null);
    }

    /** This node, whatever its role. */
    public static Role named(String node) {
        return new Role(Kind.NAMED, 0, node);
    }

    /**
     * The node this role names now, or empty when none has it (no leader, fewer followers than the rank, nothing
     * rejoined yet).
     *
     * @param modes        each node's mode now, by node name
     * @param lastRejoined the node whose fault was healed last, or null
     * @param random       the sequence's seeded random
     */
    public Optional<String> pick(Map<String, NodeMode> modes, String lastRejoined, Random random) {
        return pick(modes, lastRejoined, null, random);
    }

    /**
     * Like {@link #pick(Map, String, Random)}, for a sequence that also knows the node its latest fault hit.
     *
     * @param lastHit the node the latest fault was aimed at, or null
     */
    public Optional<String> pick(Map<String, NodeMode> modes, String lastRejoined, String lastHit, Random random) {
        List<String> followers = modes.entrySet().stream().filter(e -> e.getValue() == NodeMode.FOLLOWER)
                .map(Map.Entry::getKey).sorted(BY_SERVER_ID).toList();
        return switch (kind) {
            case LEADER -> modes.entrySet().stream().filter(e -> e.getValue() == NodeMode.LEADER)
                    .map(Map.Entry::getKey).findFirst();
            case FOLLOWER -> rank <= followers.size() ? Optional.of(followers.get(rank - 1)) : Optional.empty();
            case HIGHEST_FOLLOWER -> followers.isEmpty() ? Optional.empty()
                    : Optional.of(followers.get(followers.size() - 1));
            case RANDOM_FOLLOWER -> followers.isEmpty() ? Optional.empty()
                    : Optional.of(followers.get(random.nextInt(followers.size())));
            case LAST_REJOINED -> Optional.ofNullable(lastRejoined);
            case LAST_HIT -> Optional.ofNullable(lastHit);
            case NAMED -> Optional.of(name);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LEADER -> "the leader";
            case FOLLOWER -> "follower " + rank;
            case HIGHEST_FOLLOWER -> "the highest follower";
            case RANDOM_FOLLOWER -> "a random follower";
            case LAST_REJOINED -> "the node that last rejoined";
            case LAST_HIT -> "the node hit last";
            case NAMED -> name;
        };
    }
}
