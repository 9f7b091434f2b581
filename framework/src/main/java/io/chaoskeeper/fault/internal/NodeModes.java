package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.Threads;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The nodes' modes as their {@code srvr} answers tell, asked in parallel; a node silent for 2 s is not serving. */
public final class NodeModes {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2); // a loaded machine answers in seconds

    private NodeModes() {
    }

    /** Asks every node each time it is called. */
    public static Supplier<Map<String, NodeMode>> of(List<ZooKeeperNode> nodes) {
        return () -> {
            Map<String, CompletableFuture<NodeMode>> asked = new LinkedHashMap<>();
            nodes.forEach(node -> asked.put(node.name(),
                    CompletableFuture.supplyAsync(() -> node.mode(ASK_TIMEOUT), Threads.POOL)));
            Map<String, NodeMode> modes = new LinkedHashMap<>();
            asked.forEach((name, mode) -> modes.put(name, mode.join())); // each ask ends within its timeout
            return modes;
        };
    }
}
