package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * The local backend's speed, side by side in one run (run by {@code bench/local-start.sh}): the time until a
 * 3-node local ensemble serves with one leader against Curator's {@code TestingCluster} (3 servers in this JVM,
 * waited for the same way), alternating so all see the same machine load, with the local backend both on the warm
 * spares a closed ensemble leaves ({@link SparePool}) and cold; then partition apply and heal times on 5 local
 * nodes. Prints medians and the ratios.
 */
final class LocalBackendBenchmark {

    private LocalBackendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int faults = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        localStart(true); // warm-up: loads classes here and leaves spares behind
        testingClusterStart();
        List<Long> spare = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> curator = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            spare.add(localStart(true));
            curator.add(testingClusterStart());
            cold.add(localStart(false));
        }
        long curatorMedian = median(curator);
        System.out.printf("start, 3 nodes serving with a leader, %d runs: TestingCluster %s ms, median %d ms%n", runs,
                curator, curatorMedian);
        System.out.printf("  local backend on warm spares %s ms, median %d ms, ratio %.2f%n", spare, median(spare),
                (double) median(spare) / curatorMedian);
        System.out.printf("  local backend cold (-D%s=false) %s ms, median %d ms, ratio %.2f%n", SparePool.ENABLED,
                cold, median(cold), (double) median(cold) / curatorMedian);
        partitions(faults);
        System.out.printf("load average %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                .trim());
    }

    /** One start; after it the spares its close made (if on) are warm before anything else is measured. */
    private static long localStart(boolean spares) {
        System.setProperty(SparePool.ENABLED, Boolean.toString(spares));
        long start = System.nanoTime();
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(3)
                .withStartupTimeout(Duration.ofMinutes(5))) {
            ensemble.start();
            return millisSince(start);
        } finally {
            SparePool.awaitWarm(Duration.ofMinutes(1));
        }
    }

    private static long testingClusterStart() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            // the same tick and four-letter words as our ensembles
            specs.add(new InstanceSpec(null, -1, -1, -1, true, id, 200, -1,
                    Map.of("4lw.commands.whitelist", "srvr", "admin.enableServer", "false")));
        }
        long start = System.nanoTime();
        try (TestingCluster cluster = new TestingCluster(specs)) {
            cluster.start();
            List<ZooKeeperNode> nodes = specs.stream().map(s -> new ZooKeeperNode(s.getServerId(),
                    "zk" + s.getServerId(), "in-jvm", "127.0.0.1", new InetSocketAddress("127.0.0.1", s.getPort())))
                    .toList();
            while (!(nodes.stream().allMatch(n -> n.mode(Duration.ofMillis(500)).isServing())
                    && nodes.stream().filter(n -> n.mode(Duration.ofMillis(500)) == NodeMode.LEADER).count() == 1)) {
                Thread.sleep(50);
            }
            return millisSince(start);
        }
    }

    private static void partitions(int count) throws Exception {
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(5)
                .withStartupTimeout(Duration.ofMinutes(5))) {
            ensemble.start();
            try (FaultInjector injector = FaultInjector.forEnsemble(ensemble)) {
                for (Fault fault : List.of(Faults.isolate(Targets.named("zk1")), Faults.partitionRandomHalves(),
                        Faults.partitionMajoritiesRing())) {
                    List<Long> apply = new ArrayList<>();
                    List<Long> heal = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        ActiveFault[] active = new ActiveFault[1];
                        apply.add(micros(() -> {
                            active[0] = injector.apply(fault);
                            return 0;
                        }));
                        heal.add(micros(() -> {
                            active[0].heal();
                            return 0;
                        }));
                        Thread.sleep(20);
                    }
                    System.out.printf("partition %s on 5 local nodes, %d times: apply median %.3f ms, heal median"
                            + " %.3f ms%n", fault.parameters().getOrDefault("shape", fault.kind()), count,
                            median(apply) / 1000.0, median(heal) / 1000.0);
                }
            }
        }
    }

    private static long micros(LongSupplier action) {
        long start = System.nanoTime();
        action.getAsLong();
        return (System.nanoTime() - start) / 1000;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
