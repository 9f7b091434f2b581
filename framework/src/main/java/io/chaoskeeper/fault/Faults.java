package io.chaoskeeper.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fault catalogue: partitions, pauses, kills, packet faults, clock shifts and membership changes, as values
 * to apply or to mix into a schedule.
 *
 * <pre>{@code
 * Faults.isolateLeader();
 * Faults.partitionRandomHalves();
 * Faults.pause(Targets.minority());
 * Faults.delay(Targets.named("zk2"), Duration.ofMillis(200), Duration.ofMillis(20)).withLoss(5);
 * Faults.clockShift(Targets.leader(), Duration.ofHours(1));
 * }</pre>
 */
public final class Faults {

    private Faults() {
    }

    /**
     * Removes these nodes from the voting members (ZooKeeper's {@code reconfig -remove}) until healed, when each is
     * added back with its server line. Needs an ensemble with {@code reconfigEnabled=true}.
     */
    public static MemberRemoval removeMember(Targets nodes) {
        return new MemberRemoval(nodes);
    }

    /** Cuts these nodes off from all others, both ways. */
    public static Partition isolate(Targets nodes) {
        return new Partition(Partition.Shape.ISOLATE, nodes, Targets.all(), Map.of());
    }

    /** Cuts the leader off from all others: the majority should elect a new one. */
    public static Partition isolateLeader() {
        return isolate(Targets.leader());
    }

    /** Cuts one random node off from all others. */
    public static Partition isolateRandom() {
        return isolate(Targets.random());
    }

    /** Splits the nodes at random into a minority and a majority that cannot see each other. */
    public static Partition partitionRandomHalves() {
        return new Partition(Partition.Shape.HALVES, Targets.all(), Targets.all(), Map.of());
    }

    /** Every node sees a majority, but no two nodes see the same one (Jepsen's majorities ring). */
    public static Partition partitionMajoritiesRing() {
        return new Partition(Partition.Shape.MAJORITIES_RING, Targets.all(), Targets.all(), Map.of());
    }

    /** Two halves that cannot see each other, bridged by one node that sees both. */
    public static Partition partitionBridge() {
        return new Partition(Partition.Shape.BRIDGE, Targets.all(), Targets.all(), Map.of());
    }

    /** An asymmetric cut: packets from {@code from} to {@code to} are lost, the reverse direction still flows. */
    public static Partition partitionOneWay(Targets from, Targets to) {
        return new Partition(Partition.Shape.ONE_WAY, from, to, Map.of());
    }

    /** An explicit grudge: each key drops the packets it receives from the nodes it maps to. */
    public static Partition partition(Map<String, List<String>> grudge) {
        return new Partition(Partition.Shape.GRUDGE, Targets.all(), Targets.all(), grudge);
    }

    /**
     * Cuts the test's client traffic to these nodes (their published ports stop answering) while they still see
     * each other: clients must fail over, and sessions on these nodes may expire.
     */
    public static Partition cutClients(Targets nodes) {
        return new Partition(Partition.Shape.CLIENTS, nodes, Targets.all(), Map.of());
    }

    /** Freezes these nodes ({@code docker pause}) until healed. */
    public static Pause pause(Targets nodes) {
        return new Pause(nodes);
    }

    /** Freezes the leader until healed. */
    public static Pause pauseLeader() {
        return pause(Targets.leader());
    }

    /** Kills these nodes with {@code SIGKILL}; healing starts the same containers again. */
    public static Kill kill(Targets nodes) {
        return new Kill(nodes, false);
    }

    /** Kills one random node with {@code SIGKILL}; healing starts it again. */
    public static Kill killRandom() {
        return kill(Targets.random());
    }

    /** Stops these nodes gracefully ({@code SIGTERM}); healing starts them again. */
    public static Kill stop(Targets nodes) {
        return new Kill(nodes, true);
    }

    /** Delays the packets these nodes send. */
    public static PacketFault delay(Targets nodes, Duration delay, Duration jitter) {
        return new PacketFault(nodes, delay, jitter, 0, 0, 0, 0, null);
    }

    /** Drops this share of the packets these nodes send. */
    public static PacketFault loss(Targets nodes, double percent) {
        return new PacketFault(nodes, Duration.ZERO, Duration.ZERO, percent, 0, 0, 0, null);
    }

    /** Caps the bandwidth of these nodes' outgoing traffic, in kbit/s. */
    public static PacketFault rateLimit(Targets nodes, long kbit) {
        return new PacketFault(nodes, Duration.ZERO, Duration.ZERO, 0, 0, 0, kbit, null);
    }

    /**
     * Shifts the clock these nodes' ZooKeeper reads by {@code shift} (negative: back) until healed; see
     * {@link ClockFault}.
     */
    public static ClockFault clockShift(Targets nodes, Duration shift) {
        return new ClockFault(nodes, shift, null);
    }

    /**
     * Strobes the clock these nodes' ZooKeeper reads: {@code delta} ahead for a {@code period}, then true for a
     * {@code period}, and so on until healed; see {@link ClockFault}.
     */
    public static ClockFault clockStrobe(Targets nodes, Duration delta, Duration period) {
        return new ClockFault(nodes, delta, Objects.requireNonNull(period, "period"));
    }
}
