package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Prints how long partitioning and healing a five-server ensemble takes (goal: median at most 100 ms each).
 * Run after {@code mvn -pl framework -am test-compile}:
 * {@code java -cp framework/target/test-classes:framework/target/classes:<test classpath> io.chaoskeeper.fault.PartitionBenchmark [rounds]}
 */
public final class PartitionBenchmark {

    private PartitionBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(5)) {
            ensemble.start();
            run(ensemble, rounds);
        }
    }

    private static void run(ZooKeeperEnsemble ensemble, int rounds) {
        try (FaultInjector injector = FaultInjector.docker(ensemble.nodes(), ensemble.docker())) {
            long cold = System.nanoTime();
            injector.apply(Faults.partitionRandomHalves()).heal();
            System.out.printf("first partition+heal (creates 5 helpers): %d ms%n", (System.nanoTime() - cold) / 1_000_000);
            measure("isolate one node (5 nodes change)", rounds, injector, Faults::isolateRandom);
            measure("random halves (5 nodes change)", rounds, injector, Faults::partitionRandomHalves);
            measure("majorities ring (5 nodes change)", rounds, injector, Faults::partitionMajoritiesRing);
        }
    }

    private static void measure(String what, int rounds, FaultInjector injector, Supplier<Fault> fault) {
        long[] apply = new long[rounds];
        long[] heal = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            ActiveFault active = injector.apply(fault.get());
            apply[i] = System.nanoTime() - start;
            if (active.applyError().isPresent()) {
                throw new IllegalStateException(active.applyError().get());
            }
            start = System.nanoTime();
            active.heal();
            heal[i] = System.nanoTime() - start;
        }
        System.out.printf("%-36s apply %s | heal %s%n", what, summary(apply), summary(heal));
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %5.1f ms, p90 %5.1f ms, max %5.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
