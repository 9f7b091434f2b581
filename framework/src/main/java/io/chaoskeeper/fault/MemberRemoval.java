package io.chaoskeeper.fault;

import java.util.Map;
import java.util.Objects;

/**
 * Removes the targets from the ensemble's voting members through ZooKeeper's reconfiguration API, and adds each
 * back with the same server line when healed: a dynamic-membership change during the workload. The nodes keep
 * running, so a removed server sees the change (or, cut off, misses it and learns it when it rejoins). The
 * ensemble must run with {@code reconfigEnabled=true}; Docker only.
 *
 * @param nodes the members to remove
 */
public record MemberRemoval(Targets nodes) implements NodeFault {

    public MemberRemoval {
        Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public String kind() {
        return "reconfig";
    }

    @Override
    public MemberRemoval withNodes(Targets nodes) {
        return new MemberRemoval(nodes);
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("nodes", nodes.toString(), "change", "remove, then add back");
    }
}
