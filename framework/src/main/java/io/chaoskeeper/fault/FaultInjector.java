package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import io.chaoskeeper.fault.internal.DockerFaultInjector;
import io.chaoskeeper.fault.internal.LocalFaultInjector;

import java.util.Collection;
import java.util.List;

/**
 * Applies faults to an ensemble. On Docker, through the Docker API: network faults run {@code iptables} and
 * {@code tc} in small helper containers that share a node's network namespace, so node images need no tools and no
 * container runs privileged. On the local backend, through the ensemble's proxies and signals to its server
 * processes. Closing it (or the JVM shutting down) heals every fault and removes every helper.
 */
public interface FaultInjector extends AutoCloseable {

    /** An injector for a started ensemble, on whichever backend it runs (left open when the injector closes). */
    static FaultInjector forEnsemble(ZooKeeperEnsemble ensemble) {
        if (ensemble.backend() == Backend.LOCAL) {
            return new LocalFaultInjector(ensemble.nodes(), LocalBackend.of(ensemble.id()));
        }
        return docker(ensemble.nodes(), ensemble.docker());
    }

    /**
     * An injector for these nodes on whichever backend runs them: the running local ensemble they belong to, else
     * Docker ({@link #docker(List)}). The default of fault schedules and sequences.
     */
    static FaultInjector forNodes(List<ZooKeeperNode> nodes) {
        return nodes.isEmpty() ? docker(nodes) : LocalBackend.owning(nodes.get(0))
                .<FaultInjector>map(local -> new LocalFaultInjector(nodes, local)).orElseGet(() -> docker(nodes));
    }

    /**
     * An injector for these nodes, through its own client for the configured Docker engine (closed with it);
     * {@link io.chaoskeeper.cluster.DockerUnavailableException} when the engine does not answer.
     */
    static FaultInjector docker(List<ZooKeeperNode> nodes) {
        return new DockerFaultInjector(nodes, DockerClients.connect(), true);
    }

    /** An injector for these nodes, through this Docker client (e.g. the ensemble's), which it leaves open. */
    static FaultInjector docker(List<ZooKeeperNode> nodes, DockerClient docker) {
        return new DockerFaultInjector(nodes, docker, false);
    }

    /**
     * Applies a fault to all its target nodes in parallel, making its random choices with a fresh
     * {@link java.util.Random} (use {@link Fault#resolve} first for seeded choices). Never throws for a fault that
     * fails to apply: see {@link ActiveFault#applyError()}.
     */
    ActiveFault apply(Fault fault);

    /**
     * Fails, in one sentence naming the backend and the fault, when this injector cannot apply such a fault at all
     * (so a test can be skipped before it starts rather than pass without it); does nothing otherwise.
     *
     * @throws UnsupportedFaultException for a fault this backend cannot apply
     */
    default void checkSupported(Fault fault) {
    }

    /**
     * Readies what applying these faults will need, so that the first of them starts at its planned time rather
     * than after a slow first use: on Docker, the network helper of every running node when one of them is a
     * partition or a packet fault. Never throws; what cannot be readied now is tried again, and reported, when a
     * fault is applied. Does nothing by default.
     */
    default void prepare(Collection<? extends Fault> faults) {
    }

    /** The faults applied and not yet healed. */
    List<ActiveFault> active();

    /** Heals every active fault, trying each even if one fails, and removes the helper containers. */
    void healAll();

    /** Heals everything and releases resources. Idempotent; never throws. */
    @Override
    void close();
}
