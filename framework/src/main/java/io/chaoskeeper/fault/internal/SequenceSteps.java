package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Role;
import io.chaoskeeper.fault.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a sequence's steps can do: hit a node chosen by role, heal, wait for a role or a time. Every fault starts and
 * stops as a {@link FaultEvent} whose parameters name the role aimed at and the node it picked, so the history shows
 * that the intended sequence happened.
 */
public final class SequenceSteps {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceSteps.class);
    private static final long POLL_MILLIS = 100;

    private final FaultInjector injector;
    private final Supplier<Map<String, NodeMode>> modes;
    private final Random random;
    private final Duration awaitTimeout;
    private final CountDownLatch stopping;
    private final Consumer<FaultEvent> events;
    /** Applied and not healed, oldest first, by event id; with the node each was aimed at (null for none). */
    private final Map<Long, ActiveFault> active = new LinkedHashMap<>();
    private final Map<Long, String> aimedAt = new LinkedHashMap<>();
    private long nextId;
    private String lastRejoined;
    private String lastHit;
    private String leaderBeforeLastFault;

    SequenceSteps(FaultInjector injector, Supplier<Map<String, NodeMode>> modes, Random random,
                  Duration awaitTimeout, CountDownLatch stopping, Consumer<FaultEvent> events) {
        this.injector = injector;
        this.modes = modes;
        this.random = random;
        this.awaitTimeout = awaitTimeout;
        this.stopping = stopping;
        this.events = events;
    }

    /** Applies the fault to the node that has the role now; false when no node has it. */
    public boolean hit(Role role, Function<Targets, Fault> fault) {
        Map<String, NodeMode> now = modes.get();
        Optional<String> node = role.pick(now, lastRejoined, lastHit, random);
        if (node.isEmpty()) {
            LOG.warn("no node is {} now ({})", role, now);
            return false;
        }
        lastHit = node.get();
        apply(fault.apply(Targets.named(node.get())), now, node.get(), Map.of("role", role.toString(),
                "node", node.get()));
        return true;
    }

    /** Applies a fault that names its own targets. */
    public boolean apply(Fault fault) {
        apply(fault, modes.get(), null, Map.of());
        return true;
    }

    private synchronized void apply(Fault fault, Map<String, NodeMode> now, String node, Map<String, Object> aim) {
        leaderBeforeLastFault = Role.leader().pick(now, null, random).orElse(null);
        Fault resolved = fault.resolve(List.copyOf(now.keySet()), random);
        ActiveFault applied = injector.apply(resolved);
        long id = ++nextId;
        active.put(id, applied);
        if (node != null) {
            aimedAt.put(id, node);
        }
        emit(true, id, applied, aim, applied.applyError().orElse(null));
    }

    /** Heals the fault applied last and not healed yet; its node becomes {@link Role#lastRejoined()}. */
    public synchronized boolean healLast() {
        List<Long> ids = new ArrayList<>(active.keySet());
        if (!ids.isEmpty()) {
            heal(ids.get(ids.size() - 1));
        }
        return true;
    }

    /** Heals every fault this sequence applied and has not healed, oldest first. */
    public synchronized boolean healAll() {
        new ArrayList<>(active.keySet()).forEach(this::heal);
        return true;
    }

    private void heal(long id) {
        ActiveFault fault = active.remove(id);
        String node = aimedAt.remove(id);
        String error = null;
        try {
            fault.heal();
        } catch (RuntimeException e) {
            error = e instanceof FaultException ? e.getMessage() : NetworkHelpers.firstLine(e);
        }
        if (node != null) {
            lastRejoined = node;
        }
        emit(false, id, fault, node == null ? Map.of() : Map.of("node", node), error);
    }

    /** The leader now, for the events' record of roles; "none" while there is none. */
    private String leaderNow() {
        return Role.leader().pick(modes.get(), null, random).orElse("none");
    }

    /** Waits until the node with the role is in a mode the test accepts; false when the wait runs out. */
    public boolean await(Role role, Predicate<NodeMode> mode, String what) throws InterruptedException {
        return await(what + " (" + role + ")", now -> role.pick(now, lastRejoined, lastHit, random)
                .map(node -> mode.test(now.getOrDefault(node, NodeMode.SILENT))).orElse(false));
    }

    /** Waits until some node leads, and when {@code another}, one other than the leader before the last fault. */
    public boolean awaitLeader(boolean another) throws InterruptedException {
        String before = leaderBeforeLastFault;
        return await(another ? "a new leader" : "a leader", now -> Role.leader().pick(now, null, random)
                .filter(leader -> !another || !leader.equals(before)).isPresent());
    }

    private boolean await(String what, Predicate<Map<String, NodeMode>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + awaitTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(modes.get())) {
                return true;
            }
            if (stopping.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        LOG.warn("waited {} s for {} in vain", awaitTimeout.toSeconds(), what);
        return false;
    }

    /** Waits this long; false when the run ends meanwhile. */
    public boolean sleep(Duration time) throws InterruptedException {
        return !stopping.await(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The nodes by mode now: followers in server-id order, then the leader, as a rolling restart takes them. */
    public List<Role> followersThenLeader() {
        long followers = modes.get().values().stream().filter(m -> m == NodeMode.FOLLOWER).count();
        List<Role> order = new ArrayList<>();
        for (int rank = 1; rank <= followers; rank++) {
            order.add(Role.follower(rank));
        }
        order.add(Role.leader());
        return order;
    }

    synchronized List<ActiveFault> active() {
        return List.copyOf(active.values());
    }

    private void emit(boolean start, long id, ActiveFault fault, Map<String, Object> aim, String error) {
        Map<String, Object> parameters = new LinkedHashMap<>(fault.parameters());
        parameters.putAll(aim);
        parameters.put("leader", leaderNow()); // the roles at this moment, so the history shows the sequence
        try {
            events.accept(new FaultEvent(System.nanoTime(), start, id, fault.fault().kind(), fault.targets(),
                    parameters, error));
        } catch (RuntimeException e) {
            LOG.error("fault event listener failed: {}", e.toString());
        }
    }
}
