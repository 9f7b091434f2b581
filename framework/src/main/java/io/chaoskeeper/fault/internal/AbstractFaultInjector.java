package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
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
    private final BoundedSteps steps;
    private volatile boolean closed;

    /** @param steps bounds every step of a heal, so a stalled backend holds it for about two bounds at most */
    AbstractFaultInjector(List<ZooKeeperNode> nodes, BoundedSteps steps) {
        this.steps = steps;
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
        } catch (RuntimeException e) { // the contract: a fault that cannot be applied is recorded, never thrown
            applied = new Applied(fault);
            applied.applyError = e instanceof FaultException || e instanceof IllegalArgumentException
                    ? e.getMessage() : NetworkHelpers.firstLine(e);
        }
        active.add(applied);
        applied.applyError().ifPresent(error -> LOG.warn("fault {} failed to apply: {}", fault.kind(), error));
        return applied;
    }

    @Override
    public List<ActiveFault> active() {
        return List.copyOf(active);
    }

    /**
     * Heals best-effort: every active fault at once, then whatever else the backend undoes, each stage waited for at
     * most the step bound and a margin; a broken node never keeps the others from being healed.
     */
    @Override
    public void healAll() {
        Map<String, Applied> faults = new LinkedHashMap<>();
        active.forEach(applied -> {
            String name = applied.fault.kind() + " on " + applied.targets();
            faults.put(faults.containsKey(name) ? name + " #" + faults.size() : name, applied);
        });
        List<String> errors = new ArrayList<>(steps.onEach(faults, Applied::heal, steps.outerBound()));
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
        steps.close();
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
        Map<String, NodeMode> modes = new java.util.concurrent.ConcurrentHashMap<>();
        steps.onEach(nodes, node -> modes.put(node.name(), node.mode())); // a node that does not answer leads nothing
        return nodes.keySet().stream().filter(name -> modes.get(name) == NodeMode.LEADER).findFirst()
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
