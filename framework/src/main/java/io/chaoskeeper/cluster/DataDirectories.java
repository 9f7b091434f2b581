package io.chaoskeeper.cluster;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.internal.ZooCfg;

import io.chaoskeeper.cluster.internal.DirectoryTar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a run reads each node's ZooKeeper data directory (transaction logs, snapshots, epochs) at its end: a tar
 * stream whose entries sit under {@code data/}, e.g. {@code data/version-2/log.100000001}. The Docker backend copies
 * it out of the container; a backend that keeps the directory on disk tars it itself.
 */
@FunctionalInterface
public interface DataDirectories {

    /**
     * Opens the tar archive of the node's data directory; the caller closes it.
     *
     * @throws IOException when the directory cannot be read (e.g. the container is gone)
     */
    InputStream open(ZooKeeperNode node) throws IOException;

    /** Through the Docker API ({@code docker cp} of the container's data directory), with this client. */
    static DataDirectories docker(DockerClient docker) {
        return node -> {
            try {
                return docker.copyArchiveFromContainerCmd(node.containerId(), ZooCfg.DATA_DIR).exec();
            } catch (RuntimeException e) {
                throw new IOException("Docker could not copy " + ZooCfg.DATA_DIR + " out of " + node.name() + ": "
                        + e.getMessage(), e);
            }
        };
    }

    /** From directories on this machine (the local backend's), tarred on the spot. */
    static DataDirectories onDisk(Function<ZooKeeperNode, Path> directoryOf) {
        return node -> DirectoryTar.open(directoryOf.apply(node));
    }
}
