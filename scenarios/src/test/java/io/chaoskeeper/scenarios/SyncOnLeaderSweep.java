package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.ZooKeeperGuaranteesChecker;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs the sync-on-leader reproduction over ZooKeeper versions, one 3-node ensemble per version, and appends one
 * line per run to {@code <output>/runs.tsv} ({@link SweepTable} prints the table). Used by
 * {@code bench/sync-on-leader.sh}.
 *
 * <p>Arguments: the output directory, then {@code <version>x<runs>} for each version, e.g. {@code 3.9.4x20}.
 */
public final class SyncOnLeaderSweep {

    private SyncOnLeaderSweep() {
    }

    /** Runs the sweep; a run that cannot be done is a line with its reason, and the sweep goes on. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Path tsv = out.resolve("runs.tsv");
        for (int a = 1; a < args.length; a++) {
            String[] spec = args[a].split("x");
            sweepVersion(spec[0], Integer.parseInt(spec[1]), out.resolve(spec[0]), tsv);
        }
        System.out.print(SweepTable.of(tsv));
    }

    /** {@code runs} runs on one ensemble of {@code version} (each with fresh clients and seed, the leader found anew). */
    private static void sweepVersion(String version, int runs, Path dir, Path tsv) throws IOException {
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(SyncOnLeader.NODES).withVersion(version)
                .withLogDirectory(dir.resolve("nodes")).withStartupTimeout(Duration.ofMinutes(3))) {
            ensemble.start();
            for (int n = 1; n <= runs; n++) {
                record(tsv, version, n, runOnce(ensemble, dir.resolve("run-" + n)));
            }
        } catch (RuntimeException e) {
            record(tsv, version, 0, "error\t" + oneLine(e.getMessage()));
        }
    }

    private static void record(Path tsv, String version, int n, String line) throws IOException {
        System.out.println("[sync-on-leader] " + version + " run " + n + ": " + line);
        Files.writeString(tsv, version + "\t" + n + "\t" + line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** One run: leaderReads, leaderStale, followerReads, followerStale, writes, leader, seed (tab-separated). */
    static String runOnce(ZooKeeperEnsemble ensemble, Path dir) {
        long seed = new java.security.SecureRandom().nextLong() >>> 16;
        try {
            ZooKeeperNode leader = ensemble.awaitLeader(Duration.ofSeconds(30));
            RunResult result = Run.builder().ensemble(ensemble).outputDirectory(dir).seed(seed)
                    .workload(new LeaderSyncReadWorkload(leader.name(), SyncOnLeader.NODES))
                    .clients(SyncOnLeader.CLIENTS).duration(SyncOnLeader.DURATION)
                    .checkers(ZooKeeperGuaranteesChecker.create()).build().execute();
            if (!ensemble.leader().name().equals(leader.name())) {
                return "error\tthe leader changed during the run (seed " + seed + ")";
            }
            SyncOnLeader.Detections d = SyncOnLeader.count(result.history(), leader.name());
            return String.format(Locale.ROOT, "%d\t%d\t%d\t%d\t%d\t%s\t%d", d.leaderReads(), d.leaderStale(),
                    d.followerReads(), d.followerStale(), d.writes(), leader.name(), seed);
        } catch (RuntimeException e) {
            return "error\t" + oneLine(e.getMessage()) + " (seed " + seed + ")";
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replace('\t', ' ').replace('\n', ' ');
    }
}
