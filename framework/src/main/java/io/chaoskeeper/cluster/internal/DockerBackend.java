package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker backend: one container per node on a private network, from a node image built on the engine
 * ({@link NodeImages}), each client port published on 127.0.0.1 ({@link EnsembleContainers}).
 */
public final class DockerBackend implements EnsembleBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);

    private final DockerClient docker;
    private EnsembleContainers containers;

    /** A backend on this engine's client, which has answered a ping; closed with the backend. */
    public DockerBackend(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public Backend kind() {
        return Backend.DOCKER;
    }

    @Override
    public List<ZooKeeperNode> start(EnsembleSpec spec, CompletableFuture<List<Path>> jars) {
        // leftovers of dead JVMs go in the background: nothing we do depends on them
        CompletableFuture.runAsync(() -> Ownership.sweep(docker), Threads.POOL);
        containers = new EnsembleContainers(docker, spec.id(), spec.logDirectory());
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        try {
            CompletableFuture<Void> network = CompletableFuture.runAsync(containers::createNetwork, Threads.POOL);
            inFlight.add(network);
            long begin = System.nanoTime();
            String nodeImage = spec.image() != null ? spec.image() : NodeImages.ensure(docker, spec.version(),
                    join(jars));
            long imaged = System.nanoTime();
            join(network);
            LOG.debug("Ensemble {}: image {} in {} ms, network after {} ms", spec.id(), nodeImage,
                    (imaged - begin) / 1_000_000, (System.nanoTime() - begin) / 1_000_000);
            String zooCfg = ZooCfg.render(spec.size(), spec.settings());
            List<CompletableFuture<ZooKeeperNode>> starting = IntStream.rangeClosed(1, spec.size())
                    .mapToObj(n -> CompletableFuture.supplyAsync(
                            () -> containers.startNode(n, nodeImage, zooCfg, spec.jvmOptions()), Threads.POOL))
                    .toList();
            inFlight.addAll(starting);
            return starting.stream().map(DockerBackend::join).toList();
        } catch (RuntimeException e) {
            // let the other nodes' and the network's creation finish, or close() would miss what they create
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((ok, error) -> null).join();
            throw e;
        }
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

    @Override
    public void close() {
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
