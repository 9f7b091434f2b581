package io.chaoskeeper.evidence;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.run.RunResult;
import io.chaoskeeper.workload.Workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints how many operations runs complete with the cluster timeline poller and without it, side by side on one
 * three-node ensemble (goal: with / without at least 0.95), and this JVM's CPU time per completed operation (less
 * swayed by a loaded machine than throughput). Runs alternate on/off, off/on, ... so drift in the machine's load
 * hits both alike. Use {@code bench/timeline.sh [pairs] [seconds]}.
 */
public final class TimelineOverheadBenchmark {

    private TimelineOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path root = Files.createTempDirectory("timeline-bench");
        // a shared machine under heavy load starts servers slowly
        ZooKeeperEnsemble servers = new ZooKeeperEnsemble().withNodes(3).withStartupTimeout(Duration.ofMinutes(3));
        try (ZooKeeperEnsemble ensemble = servers) {
            ensemble.start();
            // as long as a measured run, once each way: the first measured run would otherwise pay this JVM's JIT
            run(ensemble, root.resolve("warm-up-on"), true, seconds);
            run(ensemble, root.resolve("warm-up-off"), false, seconds);
            long[] total = new long[2];
            long[] cpu = new long[2];
            for (int i = 0; i < pairs; i++) {
                for (int k = 0; k < 2; k++) {
                    boolean timeline = (i + k) % 2 == 0;
                    long cpuBefore = processCpuNanos();
                    long ops = run(ensemble, root.resolve(i + "-" + timeline), timeline, seconds);
                    long cpuNanos = processCpuNanos() - cpuBefore;
                    total[timeline ? 1 : 0] += ops;
                    cpu[timeline ? 1 : 0] += cpuNanos;
                    System.out.printf("pair %d, timeline %-5s: %7d ops in %d s, %6d ms CPU%n", i + 1, timeline, ops,
                            seconds, cpuNanos / 1_000_000);
                }
            }
            System.out.printf("with timeline %d ops, without %d ops, ratio %.3f (load average %s)%n", total[1],
                    total[0], (double) total[1] / total[0], Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("CPU per op: with timeline %.1f us, without %.1f us, ratio %.3f%n",
                    cpu[1] / 1e3 / total[1], cpu[0] / 1e3 / total[0],
                    ((double) cpu[1] / total[1]) / ((double) cpu[0] / total[0]));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long run(ZooKeeperEnsemble ensemble, Path dir, boolean timeline, int seconds) {
        RunResult result = Run.builder().ensemble(ensemble).workload(Workloads.register()).outputDirectory(dir)
                .duration(Duration.ofSeconds(seconds)).clients(6).timeline(timeline).seed(1).build().execute();
        return result.count("ok") + result.count("fail") + result.count("info");
    }
}
