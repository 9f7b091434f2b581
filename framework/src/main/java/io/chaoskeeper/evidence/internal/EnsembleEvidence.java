package io.chaoskeeper.evidence.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.FourLetterWord;
import io.chaoskeeper.cluster.internal.ZooCfg;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A started ensemble's evidence on either backend. A silent server is paused when Docker says its container is
 * paused, or when its local process is stopped (SIGSTOP); otherwise it is down. The whole log comes from the
 * ensemble ({@link ZooKeeperEnsemble#saveLog}).
 */
public final class EnsembleEvidence implements EvidenceSource {

    /** How long the container's own address may take to answer before the published port is used instead. */
    private static final Duration DIRECT_TRIAL = Duration.ofMillis(200);

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

    /**
     * On Docker, the container's own address when this host reaches it (a Linux engine): a poll through the
     * published port also passes the engine's port proxy, which cost more machine time per poll than the server's
     * answer. Otherwise (Docker Desktop, the local backend) the client port on loopback.
     */
    @Override
    public InetSocketAddress pollAddress(ZooKeeperNode node) {
        if (ensemble.backend() == Backend.DOCKER) {
            InetSocketAddress direct = new InetSocketAddress(node.networkIp(), ZooCfg.CLIENT_PORT);
            if (!FourLetterWord.ask(direct, "srvr", DIRECT_TRIAL).isEmpty()) {
                return direct;
            }
        }
        return node.clientAddress();
    }

    @Override
    public void copyLog(ZooKeeperNode node, Path target) throws IOException {
        ensemble.saveLog(node, target);
    }
}
