package io.chaoskeeper.evidence.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;
import java.nio.file.Path;

/** The evidence of a Docker ensemble: container state from {@code docker inspect}, logs from the engine. */
public final class DockerEvidence implements EvidenceSource {

    private final ZooKeeperEnsemble ensemble;

    public DockerEvidence(ZooKeeperEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public NodeState silentState(ZooKeeperNode node) {
        InspectContainerResponse.ContainerState state =
                ensemble.docker().inspectContainerCmd(node.containerId()).exec().getState();
        return Boolean.TRUE.equals(state.getPaused()) ? NodeState.PAUSED : NodeState.DOWN;
    }

    @Override
    public void copyLog(ZooKeeperNode node, Path target) throws IOException {
        ensemble.saveLog(node, target);
    }
}
