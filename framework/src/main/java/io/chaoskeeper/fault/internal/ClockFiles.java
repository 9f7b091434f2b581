package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.NodeImages;
import io.chaoskeeper.cluster.internal.clock.ClockSpec;
import io.chaoskeeper.fault.ClockFault;
import io.chaoskeeper.fault.FaultException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sets a node's clock offset by writing the clock file its agent reads ({@link NodeImages#CLOCK_FILE}) through the
 * Docker API's archive upload: no process runs in the node, and it works whether the node runs, is paused or is
 * stopped.
 */
final class ClockFiles {

    private static final Path FILE = Path.of(NodeImages.CLOCK_FILE);

    private final DockerClient docker;

    ClockFiles(DockerClient docker) {
        this.docker = docker;
    }

    /** The clock file's line for this fault. */
    static ClockSpec spec(ClockFault fault) {
        return new ClockSpec(fault.shift().toMillis(), fault.isStrobe() ? fault.strobePeriod().toMillis() : 0);
    }

    /**
     * Puts {@code spec} into effect on the node (within the agent's 50 ms poll).
     *
     * @throws FaultException if the node has never run the clock agent
     */
    void write(ZooKeeperNode node, ClockSpec spec) {
        try {
            docker.copyArchiveToContainerCmd(node.containerId())
                    .withTarInputStream(new ByteArrayInputStream(line(spec)))
                    .withRemotePath(FILE.getParent().toString())
                    .exec();
        } catch (NotFoundException e) {
            // the agent creates the directory when it starts, so its absence means no agent ever ran there
            throw new FaultException(node.name() + " runs without the clock agent (its image has no "
                    + NodeImages.CLOCK_AGENT + "), so its clock cannot be shifted: use a node image chaoskeeper"
                    + " builds.", e);
        }
    }

    /**
     * Sets the node's clock right if it runs the clock agent; a node without the agent has nothing to set. It
     * writes a zero shift rather than removing the file: the agent keeps its offset while the file is missing.
     */
    boolean reset(ZooKeeperNode node) {
        try {
            write(node, ClockSpec.NONE);
            return true;
        } catch (FaultException noAgent) {
            return false;
        }
    }

    /** The one clock file, a line ending in a newline (the agent ignores a line not yet complete), as an archive. */
    private static byte[] line(ClockSpec spec) {
        return OneFileTar.of(FILE.getFileName().toString(), (spec.format() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
