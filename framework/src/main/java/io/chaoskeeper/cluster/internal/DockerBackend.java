package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker backend: one container per node on a private network, from a node image built on the engine
 * ({@link NodeImages}), each client port published on 127.0.0.1 ({@link EnsembleContainers}).
 */
public final class DockerBackend implements EnsembleBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);

    private final DockerClient docker;
    private final String dockerHost;
    private EnsembleContainers containers;
    private DockerSpares.Key spareKey;
    private DockerSpares.Spare spare;
    private String nodeImage;
    private boolean started;

    /** A backend on this engine's client, which has answered a ping; closed with the backend. */
    public DockerBackend(DockerClient docker) {
        this(docker, null);
    }

    /** A backend on this engine's client, made for {@code dockerHost} (null: the configured engine). */
    public DockerBackend(DockerClient docker, String dockerHost) {
        this.docker = docker;
        this.dockerHost = dockerHost;
    }

    /** Takes the warm spare made for an ensemble like this one, if there is one: the ensemble then has its id. */
    @Override
    public EnsembleSpec prepare(EnsembleSpec spec) {
        if (spec.image() != null) {
            return spec; // spares run the framework's own node images only
        }
        spareKey = new DockerSpares.Key(dockerHost, spec.version(), spec.size(),
                ZooCfg.render(spec.size(), spec.settings()), spec.jvmOptions());
        spare = DockerSpares.take(spareKey);
        if (spare != null && !runs(spare)) {
            LOG.warn("A warm spare container had stopped; this ensemble starts cold");
            spare.close();
            spare = null;
        }
        return spare == null ? spec : spec.withId(spare.containers().ensembleId());
    }

    private static boolean runs(DockerSpares.Spare spare) {
        try {
            return spare.containers().allRunning(spare.nodes());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Backend kind() {
        return Backend.DOCKER;
    }

    @Override
    public List<ZooKeeperNode> start(EnsembleSpec spec, CompletableFuture<List<Path>> jars) {
        // leftovers of dead JVMs go in the background: nothing we do depends on them
        CompletableFuture.runAsync(() -> Ownership.sweep(docker), Threads.POOL);
        if (spare != null) {
            containers = spare.containers();
            nodeImage = spare.image();
            try {
                containers.go(spec.logDirectory(), spare.nodes());
                LOG.debug("Ensemble {}: its nodes are the warm spare servers made for it", spec.id());
                started = true;
                return spare.nodes();
            } catch (RuntimeException e) {
                LOG.warn("The warm spare servers did not take their go ({}); this ensemble starts cold",
                        e.getMessage());
                spare.close();
                spare = null;
            }
        }
        containers = new EnsembleContainers(docker, spec.id(), spec.logDirectory());
        CompletableFuture<Void> network = CompletableFuture.runAsync(containers::createNetwork, Threads.POOL);
        long begin = System.nanoTime();
        try {
            nodeImage = spec.image() != null ? spec.image() : NodeImages.ensure(docker, spec.version(), join(jars));
        } catch (RuntimeException e) {
            network.handle((ok, error) -> null).join(); // let it finish, or close() would miss the network
            throw e;
        }
        long imaged = System.nanoTime();
        join(network);
        LOG.debug("Ensemble {}: image {} in {} ms, network after {} ms", spec.id(), nodeImage,
                (imaged - begin) / 1_000_000, (System.nanoTime() - begin) / 1_000_000);
        String zooCfg = spareKey != null ? spareKey.zooCfg() : ZooCfg.render(spec.size(), spec.settings());
        List<ZooKeeperNode> nodes = containers.startNodes(spec.size(), nodeImage, zooCfg, spec.jvmOptions(), false);
        started = true;
        return nodes;
    }

    /** The result of a future, its own exception rethrown as it is. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void startNode(ZooKeeperNode node) {
        containers.start(node);
    }

    /** The engine's client, for the fault layer. */
    public DockerClient docker() {
        return docker;
    }

    /** Writes a node's whole output to {@code target}, from the engine's record. */
    public void saveLog(ZooKeeperNode node, java.nio.file.Path target) throws java.io.IOException {
        containers.saveLog(node.containerId(), target);
    }

    /** The ensemble's network name. */
    public String networkName() {
        return containers.networkName();
    }

    /** Starts warming a spare like this ensemble for the next one ({@link DockerSpares}). */
    @Override
    public void ready() {
        if (started && spareKey != null) {
            DockerSpares.refill(spareKey, nodeImage);
        }
    }

    @Override
    public void close() {
        if (spare != null) {
            spare.close(); // the containers are the spare's, on the spare's client
            spare = null;
            containers = null;
        }
        if (containers != null) {
            containers.close();
            containers = null;
        }
        try {
            docker.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the Docker client failed", e);
        }
    }
}
