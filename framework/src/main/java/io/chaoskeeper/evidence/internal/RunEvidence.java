package io.chaoskeeper.evidence.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.history.History;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server-side evidence of one run: the cluster timeline polled for the whole run ({@code cluster.jsonl}), and
 * at its end each server's log, facts ({@code servers.json}) and digest verdict; then the anomalies' servers named
 * with their roles.
 */
public final class RunEvidence {

    /** How long a server that is rejoining after the final heal is waited for at the end of a whole run. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /** The end-of-run facts file in a run directory. */
    public static final String SERVERS_FILE = "servers.json";

    private final List<ZooKeeperNode> nodes;
    private final EvidenceSource source;
    private final Path directory;
    private final TimelinePoller poller;
    /** Each server's digest mismatch count at the start: the check judges what the run added. */
    private final Map<String, Long> digestsBefore;
    /** The wall-clock time of the history's zero, to place the servers' log lines on its clock. */
    private final java.time.Instant runStart;

    private RunEvidence(List<ZooKeeperNode> nodes, EvidenceSource source, Path directory, TimelinePoller poller,
                        Map<String, Long> digestsBefore, java.time.Instant runStart) {
        this.runStart = runStart;
        this.nodes = nodes;
        this.source = source;
        this.directory = directory;
        this.poller = poller;
        this.digestsBefore = digestsBefore;
    }

    /**
     * Starts the timeline poller now, unless {@code timeline} is false.
     *
     * @param startNanos {@link System#nanoTime()} at time zero of the run's history
     * @throws IOException when {@code cluster.jsonl} cannot be created
     */
    public static RunEvidence start(List<ZooKeeperNode> nodes, EvidenceSource source, Path directory,
                                    long startNanos, boolean timeline) throws IOException {
        Map<String, Long> before = new java.util.HashMap<>();
        List<Long> counts = askAll(nodes, n -> FourLetterWords.digestMismatches(
                FourLetterWords.mntr(n.fourLetterWord("mntr", ServerFacts.ASK))));
        for (int i = 0; i < nodes.size(); i++) {
            if (counts.get(i) != null) {
                before.put(nodes.get(i).name(), counts.get(i));
            }
        }
        TimelinePoller poller = timeline
                ? new TimelinePoller(nodes, source, startNanos, directory.resolve(ClusterTimeline.FILE)) : null;
        java.time.Instant zero = java.time.Instant.now().minusNanos(System.nanoTime() - startNanos);
        return new RunEvidence(nodes, source, directory, poller, before, zero);
    }

    /** Stops the poller (idempotent). */
    public void stopPolling() {
        if (poller != null) {
            poller.close();
        }
    }

    /**
     * Gathers every server's facts and log in parallel and writes {@code servers.json}; then, when {@code judge},
     * returns the checks with roles named and the {@value DigestCheck#NAME} and {@value DiffSyncCheck#NAME} results
     * added, else the checks as given.
     *
     * @throws IOException when {@code servers.json} cannot be written
     */
    public List<CheckResult> finish(History history, List<CheckResult> checks, boolean judge) throws IOException {
        stopPolling();
        Duration settle = judge ? SETTLE : Duration.ZERO;
        List<ServerFacts> facts = askAll(nodes, n -> ServerFacts.gather(n, source, directory, settle));
        Instant end = Instant.now();
        facts.forEach(f -> {
            f.json().put("digestMismatchesAtStart", digestsBefore.get(f.node()));
            f.json().put("syncs", syncs(f, end));
        });
        writeServers(facts);
        if (!judge) {
            return checks;
        }
        List<CheckResult> judged = new ArrayList<>(poller == null ? checks
                : RoleAnnotations.annotate(checks, history, poller.timeline()));
        judged.add(DigestCheck.of(facts, digestsBefore, directory));
        judged.add(DiffSyncCheck.of(facts, directory, runStart, end));
        return judged;
    }

    /** The syncs the server got from its leader during the run (diff, snapshot, truncate), from its copied log. */
    private List<Map<String, Object>> syncs(ServerFacts facts, Instant end) {
        return facts.copiedLog(directory).map(log -> SyncLog.read(log, runStart, end)).orElse(List.of()).stream()
                .map(s -> Map.<String, Object>of("time", s.time(), "kind", s.kind(), "zxid", s.zxid())).toList();
    }

    /** Writes each server's facts into {@code servers.json}, keeping what others wrote there (data archives). */
    @SuppressWarnings("unchecked")
    private void writeServers(List<ServerFacts> facts) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        java.io.File file = directory.resolve(SERVERS_FILE).toFile();
        Map<String, Object> root = file.exists() ? json.readValue(file, Map.class) : new java.util.LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>((List<Map<String, Object>>) root.getOrDefault("nodes",
                List.of()));
        for (ServerFacts f : facts) {
            Map<String, Object> entry = nodes.stream().filter(n -> f.node().equals(n.get("node"))).findFirst()
                    .orElse(null);
            if (entry == null) {
                nodes.add(f.json());
            } else {
                Map<String, Object> merged = new java.util.LinkedHashMap<>(f.json());
                entry.forEach(merged::putIfAbsent);
                nodes.set(nodes.indexOf(entry), merged);
            }
        }
        root.put("nodes", nodes);
        json.writeValue(file, root);
    }

    /** Asks every node at once; never throws for a node that does not answer (the function must not). */
    private static <T> List<T> askAll(List<ZooKeeperNode> nodes, java.util.function.Function<ZooKeeperNode, T> ask) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nodes.size()), r -> {
            Thread t = new Thread(r, "chaoskeeper-evidence");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<T>> asked = nodes.stream()
                    .map(n -> CompletableFuture.supplyAsync(() -> ask.apply(n), pool)).toList();
            return asked.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
