package io.chaoskeeper.fault;

import java.util.Map;
import java.util.Objects;

/**
 * Freezes the targets' processes ({@code docker pause}) until healed ({@code docker unpause}): the node neither
 * answers nor notices time pass, like a long GC pause.
 *
 * @param nodes the nodes to pause
 */
public record Pause(Targets nodes) implements NodeFault {

    public Pause {
        Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public String kind() {
        return "pause";
    }

    @Override
    public Pause withNodes(Targets nodes) {
        return new Pause(nodes);
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("nodes", nodes.toString());
    }
}
