package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperNode;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that partitions an ensemble and waits to be terminated, for {@link FaultInjectorIT} to check that SIGTERM
 * heals. Arguments: per node {@code name containerId ip port}.
 */
public final class HealOnSigterm {

    private HealOnSigterm() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<ZooKeeperNode> nodes = new ArrayList<>();
        for (int i = 0; i + 3 < args.length; i += 4) {
            nodes.add(new ZooKeeperNode(nodes.size() + 1, args[i], args[i + 1], args[i + 2],
                    new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i + 3]))));
        }
        FaultInjector injector = FaultInjector.docker(nodes);
        ActiveFault fault = injector.apply(Faults.isolate(Targets.named(nodes.get(0).name())));
        System.out.println(fault.applyError().map(e -> "failed " + e).orElse("applied"));
        Thread.sleep(120_000); // bounded: the test terminates us long before
    }
}
