package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.run.ReportRenderer;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * Runs {@link LeaderIsolationCycles} many times per ZooKeeper version, each on a fresh 3-node ensemble, and appends
 * one tab-separated line per run to {@code <output>/sweep.tsv} (version, run, seed, linearizability verdict, writes
 * that went back in version, the largest gap, the run directory). {@code bench/finding-sweep.sh} starts it and
 * prints the detection table from that file, so a sweep stopped half way still counts what it did.
 *
 * <p>Arguments: the output directory, then {@code version:runs} pairs, e.g. {@code 3.8.4:20 3.8.5:20 3.9.0:5}; runs
 * are added to those an earlier sweep left in the same directory. The linearizability checker gets 15 s per run
 * here (its verdict is often unknown then); the version regressions are the cheap, decisive count.
 */
public final class FindingSweep {

    private FindingSweep() {
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(output);
        Path table = output.resolve("sweep.tsv");
        for (int a = 1; a < args.length; a++) {
            String version = args[a].substring(0, args[a].indexOf(':'));
            int runs = Integer.parseInt(args[a].substring(args[a].indexOf(':') + 1));
            for (int done = 0, i = 1; done < runs; i++) {
                Path dir = output.resolve(version).resolve("run-" + i);
                if (Files.exists(dir)) {
                    continue; // a sweep started again adds runs
                }
                done++;
                String line = runOnce(dir, version, i);
                Files.writeString(table, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                System.out.println("[sweep] " + line);
            }
        }
    }

    private static String runOnce(Path dir, String version, int index) {
        long seed = new SecureRandom().nextLong() >>> 16;
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(LeaderIsolationCycles.NODES)
                .withVersion(version).withSyncLimit(LeaderIsolationCycles.SYNC_LIMIT)
                .withLogDirectory(dir.resolve("nodes"))) {
            ensemble.start();
            RunResult result = Run.builder().nodes(ensemble.nodes()).zookeeperVersion(version)
                    .workload(LeaderIsolationCycles.workload()).clients(LeaderIsolationCycles.CLIENTS)
                    .outputDirectory(dir).name("leader-isolation-cycles-" + version)
                    .duration(LeaderIsolationCycles.DURATION)
                    .faults(LeaderIsolationCycles.faults()
                            .withInjector(nodes -> FaultInjector.docker(nodes, ensemble.docker())),
                            LeaderIsolationCycles.DESCRIPTION)
                    .seed(seed)
                    .reproduce("bin/scenarios -Dit.test=VersionBehindWriteIT -Dchaoskeeper.zookeeper.versions="
                            + version + " -Dchaoskeeper.seed=" + seed)
                    .checkers(LeaderIsolationCycles.linearizability(Duration.ofSeconds(15)),
                            new VersionRegressionChecker())
                    .build().execute();
            ReportRenderer.find().ifPresent(r -> r.renderRun(dir));
            CheckResult linearizability = result.checks().get(0);
            Map<String, Object> back = result.checks().get(1).stats();
            return String.join("\t", version, String.valueOf(index), String.valueOf(seed),
                    linearizability.verdict().name().toLowerCase(), String.valueOf(back.get("versionsWentBack")),
                    String.valueOf(back.get("maxVersionsBack")), String.valueOf(result.count("ok")), dir.toString());
        } catch (RuntimeException e) {
            return String.join("\t", version, String.valueOf(index), String.valueOf(seed), "error", "0", "0", "0",
                    dir + " " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
    }
}
