package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.ClockFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Kill;
import io.chaoskeeper.fault.PacketFault;
import io.chaoskeeper.fault.Partition;
import io.chaoskeeper.fault.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Applies faults through the Docker API: pause, kill and start directly; partitions and packet faults as
 * {@code iptables} and {@code tc} commands run in {@link NetworkHelpers}; clock shifts as the file the node's clock
 * agent reads ({@link ClockFiles}). Every per-node step runs in parallel.
 */
public final class DockerFaultInjector implements FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(DockerFaultInjector.class);
    private static final int STOP_TIMEOUT_SECONDS = 10;

    private final DockerClient docker;
    private final boolean ownsClient;
    private final Map<String, ZooKeeperNode> nodes = new LinkedHashMap<>();
    private final NetworkHelpers helpers;
    private final PacketShaping packets;
    private final ClockFiles clocks;
    /** The nodes whose clock this injector has set, which its final heal sets right again. */
    private final Set<String> shiftedClocks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final BoundedSteps steps;
    private final List<Applied> active = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::healQuietly, "chaoskeeper-fault-heal");
    private volatile boolean closed;
    private String clientGateway;

    /**
     * @param nodes      the ensemble's nodes
     * @param docker     the client to use
     * @param ownsClient close the client when this injector closes
     */
    public DockerFaultInjector(List<ZooKeeperNode> nodes, DockerClient docker, boolean ownsClient) {
        this(nodes, docker, ownsClient, BoundedSteps.configuredBound());
    }

    /**
     * @param bound how long one Docker step may take before the engine is called stalled (default: the system
     *              property {@value BoundedSteps#BOUND_PROPERTY}, else 20 s)
     */
    public DockerFaultInjector(List<ZooKeeperNode> nodes, DockerClient docker, boolean ownsClient, Duration bound) {
        this.steps = new BoundedSteps(bound, io.chaoskeeper.cluster.internal.DockerClients.describe(docker));
        this.docker = docker;
        this.ownsClient = ownsClient;
        nodes.forEach(node -> this.nodes.put(node.name(), node));
        this.helpers = new NetworkHelpers(docker, steps);
        this.packets = PacketShaping.fromSystemProperty(helpers);
        this.clocks = new ClockFiles(docker);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public ActiveFault apply(Fault fault) {
        if (closed) {
            throw new IllegalStateException("the fault injector is closed");
        }
        List<String> names = List.copyOf(nodes.keySet());
        Applied applied;
        try {
            Fault resolved = fault.resolve(names, new Random());
            if (resolved.needsLeader()) {
                resolved = resolved.withLeader(leader(), names);
            }
            applied = new Applied(resolved);
            applied.applyError = applyOnNodes(applied);
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
     * Heals best-effort: every active fault at once, then the helpers and the clocks at once, each stage waited for
     * at most the step bound (and a margin), so a stalled engine holds a heal for about two bounds at most and a
     * broken node never keeps the others from being healed.
     */
    @Override
    public void healAll() {
        Map<String, Applied> faults = new LinkedHashMap<>();
        active.forEach(applied -> faults.put(applied.fault.kind() + " on " + applied.targets()
                + (faults.containsKey(applied.fault.kind() + " on " + applied.targets()) ? " #" + faults.size() : ""),
                applied));
        List<String> errors = new ArrayList<>(steps.onEach(faults, Applied::heal, steps.outerBound()));
        Map<String, Runnable> cleanups = new LinkedHashMap<>();
        // flush and drop our chain and qdiscs, in case a fault was applied outside this injector's bookkeeping
        cleanups.put("network helpers", () -> failIfAny(helpers.removeAll(nodes)));
        // and set right every clock this injector shifted, for the same reason
        cleanups.put("clocks", () -> failIfAny(onEach(List.copyOf(shiftedClocks), clocks::reset)));
        errors.addAll(steps.onEach(cleanups, Runnable::run, steps.outerBound()));
        if (!errors.isEmpty()) {
            throw new FaultException("could not heal everything: " + String.join("; ", errors));
        }
    }

    private static void failIfAny(String errors) {
        if (errors != null) {
            throw new FaultException(errors);
        }
    }

    private static void failIfAny(List<String> errors) {
        failIfAny(errors.isEmpty() ? null : String.join("; ", errors));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        healQuietly();
        closed = true;
        steps.close();
        if (ownsClient) {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                LOG.debug("closing the Docker client failed", e);
            }
        }
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

    /** Applies on every target in parallel; returns the failures as one sentence, or null. */
    private String applyOnNodes(Applied applied) {
        Fault fault = applied.fault;
        if (fault instanceof Partition partition) {
            return onEach(partition.grudge().keySet(), node ->
                    helpers.run(node, Commands.DROP, ips(partition.grudge().get(node.name()))));
        }
        if (fault instanceof Pause) {
            return onEach(fault.targets(), node -> docker.pauseContainerCmd(node.containerId()).exec());
        }
        if (fault instanceof Kill kill) {
            return onEach(fault.targets(), node -> kill.graceful()
                    ? docker.stopContainerCmd(node.containerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec()
                    : docker.killContainerCmd(node.containerId()).withSignal("SIGKILL").exec());
        }
        if (fault instanceof ClockFault clock) {
            return onEach(fault.targets(), node -> {
                shiftedClocks.add(node.name());
                clocks.write(node, ClockFiles.spec(clock));
                return null;
            });
        }
        if (fault instanceof PacketFault packetFault) {
            List<String> peers = packetFault.toward() == null ? List.of() : ips(packetFault.toward().names());
            return onEach(fault.targets(), node -> applied.mechanisms.add(packets.apply(node, packetFault, peers)));
        }
        throw new IllegalArgumentException("unsupported fault " + fault.kind());
    }

    /** Heals on every target in parallel, whatever applying achieved; returns the failures, or null. */
    private String healOnNodes(Fault fault) {
        if (fault instanceof Partition partition) {
            return onEach(partition.grudge().keySet(), node ->
                    helpers.run(node, Commands.UNDROP, ips(partition.grudge().get(node.name()))));
        }
        if (fault instanceof Pause) {
            return onEach(fault.targets(), node -> {
                if (Boolean.TRUE.equals(docker.inspectContainerCmd(node.containerId()).exec().getState().getPaused())) {
                    docker.unpauseContainerCmd(node.containerId()).exec();
                }
                return null;
            });
        }
        if (fault instanceof ClockFault) {
            // a node without the agent had nothing shifted, so there is nothing to heal there
            return onEach(fault.targets(), clocks::reset);
        }
        if (fault instanceof Kill) {
            return onEach(fault.targets(), node -> {
                try {
                    docker.startContainerCmd(node.containerId()).exec();
                } catch (NotModifiedException alreadyRunning) {
                    // healed already
                }
                return null;
            });
        }
        return onEach(fault.targets(), node -> {
            packets.heal(node);
            return null;
        });
    }

    /** Runs the step on every target in parallel, each within the bound; returns the failures, or null. */
    private String onEach(java.util.Collection<String> targets, Function<ZooKeeperNode, ?> step) {
        List<String> errors = new ArrayList<>();
        Map<String, ZooKeeperNode> known = new LinkedHashMap<>();
        for (String name : targets) {
            ZooKeeperNode node = nodes.get(name);
            if (node == null) {
                errors.add(name + ": no such node in the ensemble");
            } else {
                known.put(name, node);
            }
        }
        errors.addAll(steps.onEach(known, step::apply));
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private List<String> ips(List<String> names) {
        List<String> ips = new ArrayList<>();
        for (String name : names) {
            if (name.equals(Partition.CLIENTS)) {
                ips.add(clientGateway());
                continue;
            }
            ZooKeeperNode node = nodes.get(name);
            if (node == null) {
                throw new FaultException(name + ": no such node in the ensemble " + nodes.keySet());
            }
            ips.add(node.networkIp());
        }
        return ips;
    }

    /**
     * Where the test's client traffic comes from, as the nodes see it: the gateway of their Docker network, through
     * which published ports forward (by docker-proxy or by NAT).
     */
    private synchronized String clientGateway() {
        if (clientGateway == null) {
            ZooKeeperNode any = nodes.values().iterator().next();
            var networks = docker.inspectContainerCmd(any.containerId()).exec().getNetworkSettings().getNetworks();
            clientGateway = networks.values().stream()
                    .filter(network -> any.networkIp().equals(network.getIpAddress()))
                    .map(network -> network.getGateway()).filter(gateway -> gateway != null && !gateway.isBlank())
                    .findFirst().orElseThrow(() -> new FaultException(any.name()
                            + ": its network has no gateway, so client traffic cannot be told apart"));
        }
        return clientGateway;
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
        /** How a packet fault was realised on its nodes (netem, nfqueue, tbf, htb), recorded with its event. */
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
