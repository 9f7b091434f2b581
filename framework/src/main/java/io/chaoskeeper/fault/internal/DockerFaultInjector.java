package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.fault.ClockFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.Kill;
import io.chaoskeeper.fault.MemberRemoval;
import io.chaoskeeper.fault.PacketFault;
import io.chaoskeeper.fault.Partition;
import io.chaoskeeper.fault.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies faults through the Docker API: pause, kill and start directly; partitions and packet faults as
 * {@code iptables} and {@code tc} commands run in {@link NetworkHelpers}; clock shifts as the file the node's clock
 * agent reads ({@link ClockFiles}); membership changes through ZooKeeper's admin API ({@link Reconfigurations}).
 * Every per-node step runs in parallel.
 */
public final class DockerFaultInjector extends AbstractFaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(DockerFaultInjector.class);
    private static final int STOP_TIMEOUT_SECONDS = 10;

    private final DockerClient docker;
    private final boolean ownsClient;
    private final Map<String, ZooKeeperNode> nodes = new LinkedHashMap<>();
    private final NetworkHelpers helpers;
    private final PacketShaping packets;
    private final ClockFiles clocks;
    private final Reconfigurations membership;
    /** The nodes whose clock this injector has set, which its final heal sets right again. */
    private final Set<String> shiftedClocks = ConcurrentHashMap.newKeySet();
    private final BoundedSteps steps;
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
        this(nodes, docker, ownsClient, new BoundedSteps(bound, DockerClients.describe(docker)));
    }

    private DockerFaultInjector(List<ZooKeeperNode> nodes, DockerClient docker, boolean ownsClient,
                                BoundedSteps steps) {
        super(nodes, steps);
        this.steps = steps;
        this.docker = docker;
        this.ownsClient = ownsClient;
        nodes.forEach(node -> this.nodes.put(node.name(), node));
        this.helpers = new NetworkHelpers(docker, steps);
        this.packets = PacketShaping.fromSystemProperty(helpers);
        this.clocks = new ClockFiles(docker);
        this.membership = new Reconfigurations(nodes);
    }

    /** The helpers and the clocks at once, each within the step bound. */
    @Override
    List<String> healEverything() {
        Map<String, Runnable> cleanups = new LinkedHashMap<>();
        // flush and drop our chain and qdiscs, in case a fault was applied outside this injector's bookkeeping
        cleanups.put("network helpers", () -> failIfAny(helpers.removeAll(nodes)));
        // and set right every clock this injector shifted, for the same reason
        cleanups.put("clocks", () -> failIfAny(onEach(List.copyOf(shiftedClocks), clocks::reset)));
        return steps.onEach(cleanups, Runnable::run, steps.outerBound());
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
        super.close();
        if (ownsClient) {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                LOG.debug("closing the Docker client failed", e);
            }
        }
    }

    /** Starts the network helpers now when a fault will need them; a node that cannot have one is logged. */
    @Override
    public void prepare(Collection<? extends Fault> faults) {
        if (faults.stream().anyMatch(f -> f instanceof Partition || f instanceof PacketFault)) {
            helpers.prepare(nodes).forEach(error -> LOG.info("network helper not ready before the run: {}", error));
        }
    }

    /** Applies on every target in parallel; returns the failures as one sentence, or null. */
    @Override
    String applyOnNodes(Fault fault, Set<String> mechanisms) {
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
        if (fault instanceof MemberRemoval) {
            return onEach(fault.targets(), node -> {
                membership.remove(node);
                return null;
            });
        }
        if (fault instanceof PacketFault packetFault) {
            List<String> peers = packetFault.toward() == null ? List.of() : ips(packetFault.toward().names());
            return onEach(fault.targets(), node -> mechanisms.add(packets.apply(node, packetFault, peers)));
        }
        throw new IllegalArgumentException("unsupported fault " + fault.kind());
    }

    /** Heals on every target in parallel, whatever applying achieved; returns the failures, or null. */
    @Override
    String healOnNodes(Fault fault) {
        if (fault instanceof Partition partition) {
            return onEach(partition.grudge().keySet(), node ->
                    helpers.undo(node, Commands.UNDROP, ips(partition.grudge().get(node.name()))));
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
        if (fault instanceof MemberRemoval) {
            return onEach(fault.targets(), node -> {
                membership.addBack(node);
                return null;
            });
        }
        return onEach(fault.targets(), node -> {
            packets.heal(node);
            return null;
        });
    }

    /** Runs the step on every target in parallel, each within the bound; returns the failures, or null. */
    private String onEach(Collection<String> targets, Function<ZooKeeperNode, ?> step) {
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
}
