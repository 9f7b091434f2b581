package io.chaoskeeper.evidence;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.internal.EnsembleEvidence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the backend running the servers knows that the servers cannot say themselves: why a server does not
 * answer, its whole log, its data directory. {@link #of} asks the backend an ensemble runs on; a test may supply
 * its own answers.
 */
public interface EvidenceSource {

    /**
     * Why a server does not answer: {@link NodeState#PAUSED} or {@link NodeState#DOWN}. Called only for a server
     * that just failed to answer, so it must be quick (it delays that server's next sample).
     */
    NodeState silentState(ZooKeeperNode node);

    /**
     * Where the cluster timeline asks the server, every 100 ms: by default its client port as published on
     * loopback. Called once per server, as soon as it first answered there, so an address can be tried out.
     */
    default InetSocketAddress pollAddress(ZooKeeperNode node) {
        return node.clientAddress();
    }

    /** Writes the server's whole log (across restarts) to {@code target}, replacing it. */
    void copyLog(ZooKeeperNode node, Path target) throws IOException;

    /**
     * The hook for the server's data directory at the end of a run: writes {@code nodes/<node>-data.tar.gz} under
     * {@code runDirectory} and returns the facts it adds to the node's entry in {@code servers.json} (e.g.
     * {@code data}, {@code dataTruncated}). By default nothing is archived.
     */
    default Map<String, Object> archiveData(ZooKeeperNode node, Path runDirectory) throws IOException {
        return Map.of();
    }

    /**
     * A started ensemble's evidence, on whichever backend it runs: {@code docker inspect}, or the local process's
     * state, tells paused from down; logs come from the engine or the local log file.
     */
    static EvidenceSource of(ZooKeeperEnsemble ensemble) {
        return new EnsembleEvidence(ensemble);
    }

    /** No backend to ask: a silent server counts as down, and no log is copied. */
    static EvidenceSource none() {
        return new EvidenceSource() {
            @Override
            public NodeState silentState(ZooKeeperNode node) {
                return NodeState.DOWN;
            }

            @Override
            public void copyLog(ZooKeeperNode node, Path target) {
                // nothing to copy from: the servers' logs are the caller's
            }
        };
    }
}
