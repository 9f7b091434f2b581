package io.chaoskeeper.cluster;

import io.chaoskeeper.cluster.internal.DockerSpares;
import io.chaoskeeper.cluster.internal.local.SpareServer;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ensemble's start and a killed node's restart against the floor of the machine's Docker engine, side by side in
 * one run, round after round: the floor of a start is three parallel {@code docker run --rm} of the node image
 * running {@code java -version}, plus the election the ensemble's own leader logged; the floor of a restart is one
 * such {@code docker run}. A start is measured twice: as a test class after the first gets it, on the warm spare the
 * previous ensemble made ({@code DockerSpares}), and cold, as the first of a JVM (the node image named, so no spare).
 * Every floor is measured after the spare is warm, so it competes with nothing, and the restart on the cold
 * ensemble, which makes no spare (a spare in the making would have the engine busy). Prints each round and the
 * medians with their ratios. Run with {@code bench/start-floor.sh}.
 */
public final class StartFloorBenchmark {

    private static final Pattern ELECTION = Pattern.compile("LEADER ELECTION TOOK - (\\d+) MS");
    private static final Duration WARM_WAIT = Duration.ofSeconds(60);

    private StartFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String image = warmUp();
        List<long[]> rows = new ArrayList<>(); // floor 3, election, start, floor 1, restart, cold start (ms)
        for (int round = 1; round <= rounds; round++) {
            DockerSpares.awaitWarm(WARM_WAIT);
            long floor3 = dockerRuns(image, 3);
            long[] ours = startAndRestart(null);
            DockerSpares.awaitWarm(WARM_WAIT);
            long floor1 = dockerRuns(image, 1);
            long[] cold = startAndRestart(image);
            long[] row = {floor3, ours[0], ours[1], floor1, cold[2], cold[1]};
            rows.add(row);
            System.out.printf("round %d: floor %d ms + election %d ms, start %d ms%s, cold start %d ms"
                    + " | floor %d ms, restart %d ms%n", round, row[0], row[1], row[2], ours[3] == 1 ? "" : " (NO SPARE)",
                    row[5], row[3], row[4]);
        }
        long floor3 = median(rows, 0);
        long election = median(rows, 1);
        long start = median(rows, 2);
        long floor1 = median(rows, 3);
        long restart = median(rows, 4);
        long cold = median(rows, 5);
        System.out.printf("3-node start: median %d ms; floor (3 parallel docker run) %d ms + election %d ms = %d ms;"
                + " ratio %.2f (goal 1.2)%n", start, floor3, election, floor3 + election,
                (double) start / (floor3 + election));
        System.out.printf("3-node cold start (first of a JVM, no spare): median %d ms; ratio %.2f%n", cold,
                (double) cold / (floor3 + election));
        System.out.printf("restart of a killed follower to serving: median %d ms; floor (1 docker run) %d ms;"
                + " ratio %.2f%n", restart, floor1, (double) restart / floor1);
        System.out.printf("load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Starts one ensemble to build or find the node image and warm the client, and returns the image. */
    private static String warmUp() {
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(3)) {
            ensemble.start();
            return ensemble.docker().inspectContainerCmd(ensemble.nodes().get(0).containerId()).exec().getConfig()
                    .getImage();
        }
    }

    /**
     * The election the leader logged, the start, a follower's restart to serving (ms), and 1 if the nodes were warm
     * spares; on {@code image} when it is not null, which takes no spare and leaves none.
     */
    private static long[] startAndRestart(String image) throws Exception {
        long begin = System.nanoTime();
        ZooKeeperEnsemble configured = new ZooKeeperEnsemble().withNodes(3);
        try (ZooKeeperEnsemble ensemble = image == null ? configured : configured.withImage(image)) {
            ensemble.start();
            long start = millisSince(begin);
            ZooKeeperNode leader = ensemble.leader();
            long election = election(ensemble.logFile(leader));
            long spare = Files.readString(ensemble.logFile(leader)).contains(SpareServer.AWAITING_LINE) ? 1 : 0;
            ZooKeeperNode follower = ensemble.nodes().stream().filter(node -> node != leader).findFirst().orElseThrow();
            try (FaultInjector injector = FaultInjector.docker(ensemble.nodes(), ensemble.docker())) {
                ActiveFault kill = injector.apply(Faults.kill(Targets.named(follower.name())));
                long healed = System.nanoTime();
                kill.heal();
                ensemble.awaitServing(follower, Duration.ofSeconds(60));
                return new long[] {election, start, millisSince(healed), spare};
            }
        }
    }

    private static long election(Path log) throws IOException {
        Matcher m = ELECTION.matcher(Files.readString(log));
        long took = -1;
        while (m.find()) {
            took = Long.parseLong(m.group(1));
        }
        return took;
    }

    /** Wall time of {@code count} parallel {@code docker run --rm image java -version}. */
    private static long dockerRuns(String image, int count) {
        long begin = System.nanoTime();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(CompletableFuture.runAsync(() -> run("docker", "run", "--rm", "--entrypoint", "java", image,
                    "-version")));
        }
        runs.forEach(CompletableFuture::join);
        return millisSince(begin);
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long median(List<long[]> rows, int column) {
        return rows.stream().mapToLong(row -> row[column]).sorted().skip(rows.size() / 2).findFirst().orElse(-1);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
