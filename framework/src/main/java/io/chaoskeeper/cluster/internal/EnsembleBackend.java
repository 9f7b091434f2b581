package io.chaoskeeper.cluster.internal;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where an ensemble's servers run: Docker containers ({@link DockerBackend}) or child processes of this JVM
 * ({@link io.chaoskeeper.cluster.internal.local.LocalBackend}). {@link io.chaoskeeper.cluster.ZooKeeperEnsemble}
 * does the rest (waiting for a leader, modes, the API) the same way on both.
 */
public interface EnsembleBackend extends AutoCloseable {

    /** Which backend this is. */
    Backend kind();

    /**
     * The spec to {@link #start}: {@code spec} itself, or with the id of warm spares the backend will hand this
     * ensemble ({@link DockerSpares}), whose containers carry that id.
     */
    default EnsembleSpec prepare(EnsembleSpec spec) {
        return spec;
    }

    /**
     * Starts every node (in parallel where it can) and returns them once their processes run; the caller waits
     * for them to serve. On failure, what was created is left for {@link #close()}.
     *
     * @param jars the server's jars, resolving in the background (empty for a user's own image)
     */
    List<ZooKeeperNode> start(EnsembleSpec spec, CompletableFuture<List<Path>> jars);

    /** Called once the started ensemble serves: the backend may now prepare the next one ({@link DockerSpares}). */
    default void ready() {
    }

    /** Starts a node again after a kill or stop, with its data and ports; does nothing if it runs. */
    void startNode(ZooKeeperNode node);

    /** Stops and removes every node; the logs stay. Idempotent, never throws. */
    @Override
    void close();
}
