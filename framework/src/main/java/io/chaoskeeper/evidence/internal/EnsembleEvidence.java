package io.chaoskeeper.evidence.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A started ensemble's evidence on either backend. A silent server is paused when Docker says its container is
 * paused, or when its local process is stopped (SIGSTOP); otherwise it is down. The whole log comes from the
 * ensemble ({@link ZooKeeperEnsemble#saveLog}).
 */
public final class EnsembleEvidence implements EvidenceSource {

    private final ZooKeeperEnsemble ensemble;

    public EnsembleEvidence(ZooKeeperEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public NodeState silentState(ZooKeeperNode node) {
        boolean paused;
        if (ensemble.backend() == Backend.DOCKER) {
            InspectContainerResponse.ContainerState state =
                    ensemble.docker().inspectContainerCmd(node.containerId()).exec().getState();
            paused = Boolean.TRUE.equals(state.getPaused());
        } else {
            paused = LocalBackend.of(ensemble.id()).server(node.name()).isStopped();
        }
        return paused ? NodeState.PAUSED : NodeState.DOWN;
    }

    @Override
    public void copyLog(ZooKeeperNode node, Path target) throws IOException {
        ensemble.saveLog(node, target);
    }
}
