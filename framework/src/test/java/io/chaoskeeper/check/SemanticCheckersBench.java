package io.chaoskeeper.check;

import io.chaoskeeper.history.History;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Prints how long each semantic checker takes (wall and CPU time of the checking thread; CPU time is the figure to
 * trust on a shared machine) on large simulated histories (speed is proven here, not by timed
 * tests). Run: {@code mvn -q -o -pl framework test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}, then
 * {@code java -cp framework/target/classes:framework/target/test-classes:$(cat framework/cp.txt)
 * io.chaoskeeper.check.SemanticCheckersBench [steps]} (default 1,000,000 simulation steps).
 */
public final class SemanticCheckersBench {

    private SemanticCheckersBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "%-22s %10s %10s %10s %14s %8s %10s%n", "checker", "events", "wall ms",
                "cpu ms", "events/cpu s", "verdict", "heap MiB");
        run(LockSafetyChecker.create(), n -> Simulated.lock(1, false, n), steps);
        run(ZooKeeperGuaranteesChecker.create(), n -> SimulatedZooKeeper.history(1, n), steps);
        run(QueueChecker.create(), n -> Simulated.queue(1, n), steps);
        run(SetChecker.create(), n -> Simulated.set(1, n), steps / 3);
        run(ReplicaChecker.create(), n -> Simulated.set(1, n), steps / 3);
    }

    private static void run(Checker checker, IntFunction<History> histories, int steps) {
        checker.check(histories.apply(steps / 100)); // warm up the JIT on a small history
        History h = histories.apply(steps);
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        CheckResult r = checker.check(h);
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        double ms = (System.nanoTime() - start) / 1e6;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%-22s %10d %10.0f %10.0f %14.0f %8s %10d%n", checker.name(), h.size(), ms,
                cpu, h.size() / (cpu / 1000), r.verdict().wireName(), (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
