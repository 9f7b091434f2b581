package io.chaoskeeper.fault;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

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
    public Pause resolve(List<String> all, Random random) {
        return new Pause(nodes.resolve(all, random));
    }

    @Override
    public Pause withLeader(String leader, List<String> all) {
        return new Pause(nodes.withLeader(leader));
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("nodes", nodes.toString());
    }
}
