package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A local ensemble's evidence: a server whose process is stopped (SIGSTOP) is paused, any other silent one is down;
 * the whole log is the file the server writes its output to.
 */
public final class LocalEvidence implements EvidenceSource {

    private final ZooKeeperEnsemble ensemble;

    public LocalEvidence(ZooKeeperEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public NodeState silentState(ZooKeeperNode node) {
        return LocalBackend.of(ensemble.id()).server(node.name()).isStopped() ? NodeState.PAUSED : NodeState.DOWN;
    }

    @Override
    public void copyLog(ZooKeeperNode node, Path target) throws IOException {
        ensemble.saveLog(node, target);
    }
}
