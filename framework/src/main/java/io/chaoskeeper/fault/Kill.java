package io.chaoskeeper.fault;

import java.util.Map;
import java.util.Objects;

/**
 * Stops the targets' containers, with {@code SIGKILL} or gracefully, and starts the same containers again when
 * healed, so a node keeps its data directory across the restart.
 *
 * @param nodes    the nodes to kill
 * @param graceful stop with {@code SIGTERM} (then {@code SIGKILL} after 10 s) instead of killing outright
 */
public record Kill(Targets nodes, boolean graceful) implements NodeFault {

    public Kill {
        Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public String kind() {
        return graceful ? "stop" : "kill";
    }

    @Override
    public Kill withNodes(Targets nodes) {
        return new Kill(nodes, graceful);
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("nodes", nodes.toString(), "signal", graceful ? "SIGTERM" : "SIGKILL");
    }
}
