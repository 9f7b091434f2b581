package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.Threads;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.FaultInjector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every backend's injector does the same way: resolving a fault's random choices and leader, keeping the
 * active faults, healing each once, the final heal at close or JVM exit. A backend says how to apply and heal.
 */
abstract class AbstractFaultInjector implements FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractFaultInjector.class);

    private final Map<String, ZooKeeperNode> nodes = new LinkedHashMap<>();
    private final List<Applied> active = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::healQuietly, "chaoskeeper-fault-heal");
    private volatile boolean closed;

    AbstractFaultInjector(List<ZooKeeperNode> nodes) {
        nodes.forEach(node -> this.nodes.put(node.name(), node));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Applies a resolved fault on its targets; the failures as one sentence, or null.
     *
     * @param mechanisms where to name how a packet fault was realised, recorded as its {@code mechanism}
     */
    abstract String applyOnNodes(Fault fault, Set<String> mechanisms);

    /** Heals a fault on its targets, whatever applying achieved; the failures as one sentence, or null. */
    abstract String healOnNodes(Fault fault);

    /** Undoes anything of this injector's still in effect, beyond the active faults; the failures. */
    abstract List<String> healEverything();

    List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    @Override
    public ActiveFault apply(Fault fault) {
        if (closed) {
            throw new IllegalStateException("the fault injector is closed");
        }
        List<String> names = nodeNames();
        Applied applied;
        try {
            Fault resolved = fault.resolve(names, new Random());
            if (resolved.needsLeader()) {
                resolved = resolved.withLeader(leader(), names);
            }
            applied = new Applied(resolved);
            applied.applyError = applyOnNodes(resolved, applied.mechanisms);
        } catch (FaultException | IllegalArgumentException e) {
            applied = new Applied(fault);
            applied.applyError = e.getMessage();
        }
        active.add(applied);
        applied.applyError().ifPresent(error -> LOG.warn("fault {} failed to apply: {}", fault.kind(), error));
        return applied;
    }

    @Override
    public List<ActiveFault> active() {
        return List.copyOf(active);
    }

    @Override
    public void healAll() {
        List<String> errors = new ArrayList<>();
        for (Applied applied : active) {
            try {
                applied.heal();
            } catch (FaultException e) {
                errors.add(e.getMessage());
            }
        }
        errors.addAll(healEverything());
        if (!errors.isEmpty()) {
            throw new FaultException("could not heal everything: " + String.join("; ", errors));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        healQuietly();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }

    private void healQuietly() {
        try {
            healAll();
        } catch (RuntimeException e) {
            LOG.error("final heal incomplete: {}", e.getMessage());
        }
    }

    private String leader() {
        Map<String, CompletableFuture<NodeMode>> modes = new LinkedHashMap<>();
        nodes.values().forEach(node -> modes.put(node.name(), CompletableFuture.supplyAsync(node::mode, Threads.POOL)));
        return modes.entrySet().stream().filter(e -> e.getValue().join() == NodeMode.LEADER)
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new FaultException("no node reports being the leader, so none can be targeted"));
    }

    /** A fault applied by this injector; healing it once removes it from the active list. */
    private final class Applied implements ActiveFault {
        private final Fault fault;
        private final Set<String> mechanisms = new ConcurrentSkipListSet<>();
        private volatile String applyError;
        private boolean healed;

        Applied(Fault fault) {
            this.fault = fault;
        }

        @Override
        public Fault fault() {
            return fault;
        }

        @Override
        public List<String> targets() {
            return fault.targets();
        }

        @Override
        public Map<String, Object> parameters() {
            if (mechanisms.isEmpty()) {
                return fault.parameters();
            }
            Map<String, Object> parameters = new LinkedHashMap<>(fault.parameters());
            parameters.put("mechanism", String.join(",", mechanisms));
            return parameters;
        }

        @Override
        public Optional<String> applyError() {
            return Optional.ofNullable(applyError);
        }

        @Override
        public synchronized void heal() {
            if (healed) {
                return;
            }
            String error = fault.needsLeader() ? null : healOnNodes(fault);
            healed = true;
            active.remove(this);
            if (error != null) {
                throw new FaultException("could not heal " + fault.kind() + " on every node: " + error);
            }
        }
    }
}
