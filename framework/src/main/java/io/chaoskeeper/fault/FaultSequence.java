package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.internal.NodeModes;
import io.chaoskeeper.fault.internal.SequenceNemesis;
import io.chaoskeeper.fault.internal.SequenceSteps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fault schedule written as its steps: hit a node chosen by {@link Role}, wait until a node serves or a new
 * leader is elected, wait a time, heal. Events, seeding and the final heal come with it:
 *
 * <pre>{@code
 * FaultSequence.named("stale node rejoins and takes over")
 *         .isolate(Role.follower(1)).waitFor(Duration.ofSeconds(5)).heal()
 *         .awaitServing(Role.lastRejoined())
 *         .kill(Role.leader()).awaitNewLeader().heal()
 *         .repeat();
 * }</pre>
 *
 * A round whose step cannot go on (no node has the role, a wait runs out after {@link #withAwaitTimeout}) heals
 * what it applied and ends; {@link #repeat()} starts the next round.
 */
public final class FaultSequence implements FaultSchedule {

    private final String name;
    private final List<SequenceNemesis.Step> steps = new ArrayList<>();
    /** One fault of each step's kind, so that the injector readies what they need before the sequence starts. */
    private final List<Fault> kinds = new ArrayList<>();
    private boolean repeat;
    private Duration awaitTimeout = Duration.ofSeconds(30);
    private Function<List<ZooKeeperNode>, FaultInjector> injectors = FaultInjector::forNodes;
    private Function<List<ZooKeeperNode>, Supplier<Map<String, NodeMode>>> modes = NodeModes::of;

    private FaultSequence(String name) {
        this.name = name;
    }

    /** A sequence, described by this name in the run's facts and the log. */
    public static FaultSequence named(String description) {
        return new FaultSequence(description);
    }

    /** Cuts the node with the role off from every other node. */
    public FaultSequence isolate(Role role) {
        return hit(role, Faults::isolate);
    }

    /** Pauses the node with the role. */
    public FaultSequence pause(Role role) {
        return hit(role, Faults::pause);
    }

    /** Kills the node with the role (SIGKILL); {@link #heal()} starts it again with its data. */
    public FaultSequence kill(Role role) {
        return hit(role, Faults::kill);
    }

    /**
     * Removes the node with the role from the voting members through ZooKeeper's admin API; {@link #heal()} adds it
     * back. The ensemble needs {@code withDynamicMembership()}.
     */
    public FaultSequence removeMember(Role role) {
        return hit(role, Faults::removeMember);
    }

    /** Applies the fault this function makes for the node with the role, e.g. {@code t -> Faults.delay(t, ...)}. */
    public FaultSequence hit(Role role, Function<Targets, Fault> fault) {
        try {
            kinds.add(fault.apply(Targets.leader())); // what kind of fault it makes, for prepare
        } catch (RuntimeException notForAnyNode) {
            // the step applies it, and reports the error, when the sequence gets there
        }
        return step(steps -> steps.hit(role, fault));
    }

    /** Applies a fault that names its own targets, e.g. {@link Faults#partitionRandomHalves()}. */
    public FaultSequence apply(Fault fault) {
        kinds.add(fault);
        return step(steps -> steps.apply(fault));
    }

    /** Heals the fault applied last; the node it hit becomes {@link Role#lastRejoined()}. */
    public FaultSequence heal() {
        return step(SequenceSteps::healLast);
    }

    /** Heals every fault this sequence has applied and not healed. */
    public FaultSequence healAll() {
        return step(SequenceSteps::healAll);
    }

    /** Waits until the node with the role serves clients (leads, follows or observes). */
    public FaultSequence awaitServing(Role role) {
        return step(steps -> steps.await(role, NodeMode::isServing, "serving"));
    }

    /**
     * Waits until the server of the node with the role answers at all, serving or not: a restarted server answers
     * before it has elected and synced, so the next step hits it (or its leader) while it syncs.
     */
    public FaultSequence awaitAnswering(Role role) {
        return step(steps -> steps.await(role, mode -> mode != NodeMode.SILENT, "answering"));
    }

    /** Waits until some node leads. */
    public FaultSequence awaitLeader() {
        return step(steps -> steps.awaitLeader(false));
    }

    /** Waits until a node other than the leader before the last fault leads. */
    public FaultSequence awaitNewLeader() {
        return step(steps -> steps.awaitLeader(true));
    }

    /** Waits this long. */
    public FaultSequence waitFor(Duration time) {
        return step(steps -> steps.sleep(time));
    }

    /** Kills and restarts every node in turn, followers by server id and the leader last, each {@code gap} after
     * the previous one serves again. */
    public FaultSequence restartEachNode(Duration gap) {
        return step(steps -> {
            for (Role role : steps.followersThenLeader()) {
                if (!(steps.hit(role, Faults::kill) && steps.healLast()
                        && steps.await(Role.lastRejoined(), NodeMode::isServing, "serving") && steps.sleep(gap))) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * One fault of each kind the steps apply, aimed at the leader where a step aims by role: what a backend must
     * support for this sequence to run as written.
     */
    public List<Fault> faults() {
        return List.copyOf(kinds);
    }

    /** Runs the steps round after round until the run ends (default: once). */
    public FaultSequence repeat() {
        this.repeat = true;
        return this;
    }

    /** How long a wait for a role or a leader may take before the round ends (default 30 s). */
    public FaultSequence withAwaitTimeout(Duration timeout) {
        this.awaitTimeout = timeout;
        return this;
    }

    /** Applies faults through injectors made by this function (default {@link FaultInjector#forNodes}). */
    public FaultSequence withInjector(Function<List<ZooKeeperNode>, FaultInjector> injectorFactory) {
        this.injectors = injectorFactory;
        return this;
    }

    /** Reads the nodes' modes through this function instead of their {@code srvr} answers (e.g. in tests). */
    FaultSequence withModes(Function<List<ZooKeeperNode>, Supplier<Map<String, NodeMode>>> modeSource) {
        this.modes = modeSource;
        return this;
    }

    private FaultSequence step(SequenceNemesis.Step step) {
        steps.add(step);
        return this;
    }

    @Override
    public Nemesis start(List<ZooKeeperNode> nodes, long seed, Consumer<FaultEvent> events) {
        FaultInjector injector = injectors.apply(nodes);
        injector.prepare(kinds);
        return SequenceNemesis.start(name, steps, repeat, injector, modes.apply(nodes), seed,
                awaitTimeout, events);
    }

    @Override
    public String toString() {
        return name;
    }
}
