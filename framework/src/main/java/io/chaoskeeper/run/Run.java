package io.chaoskeeper.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.Checker;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.check.ZabLogChecker;
import io.chaoskeeper.cluster.DataDirectories;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.internal.RunEvidence;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.Nemesis;
import io.chaoskeeper.history.Edn;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryRecorder;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.run.internal.Cleanup;
import io.chaoskeeper.run.internal.ClientSession;
import io.chaoskeeper.run.internal.DataArchives;
import io.chaoskeeper.run.internal.LatencyLog;
import io.chaoskeeper.run.internal.RunState;
import io.chaoskeeper.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of a workload against an ensemble, with faults: setup → workload with faults → heal → quiet period →
 * final reads. Every operation and fault event is recorded into the run's output directory as it happens.
 *
 * <pre>{@code
 * RunResult result = Run.builder()
 *         .ensemble(ensemble)
 *         .workload(Workloads.casRegister().withKeys(3))
 *         .duration(Duration.ofSeconds(30)).faults(schedule).seed(42)
 *         .outputDirectory(dir).build().execute();
 * }</pre>
 */
public final class Run {

    private static final System.Logger LOG = System.getLogger(Run.class.getName());

    /** The system property that sets the default seed, so that {@code run.json}'s reproduce line works. */
    public static final String SEED_PROPERTY = "chaoskeeper.seed";

    /** The system property that turns the cluster timeline poller off for every run ({@code false}). */
    public static final String TIMELINE_PROPERTY = "chaoskeeper.timeline";

    /**
     * How long the final phase waits for every server to take a client again after the heal: a healed server may
     * still be electing or syncing, and that is slow on a loaded machine; one that stays away this long is an error.
     */
    private static final Duration FINAL_CONNECT_PATIENCE = Duration.ofSeconds(60);

    private final Builder b;

    private Run(Builder builder) {
        this.b = builder;
    }

    /** A builder with defaults: one client per node, 10 s, no faults, seed from {@value #SEED_PROPERTY} or random. */
    public static Builder builder() {
        return new Builder();
    }

    /** The run's seed. */
    public long seed() {
        return b.seed;
    }

    /** Configures a {@link Run}. {@code nodes}, {@code workload} and {@code outputDirectory} are required. */
    public static final class Builder {
        private List<ZooKeeperNode> nodes;
        private String zookeeperVersion = "unknown";
        private String backend = "unknown";
        private Workload workload;
        private Path outputDirectory;
        private String name;
        private int clients;
        private Duration duration = Duration.ofSeconds(10);
        private Duration quietPeriod = Duration.ofSeconds(2);
        private Duration operationTimeout = Duration.ofSeconds(2);
        private Duration sessionTimeout = Duration.ofSeconds(6);
        private Duration progressInterval = Duration.ofSeconds(5);
        private double rate;
        private FaultSchedule faults = FaultSchedule.none();
        private String faultDescription = "none";
        private long seed = Long.getLong(SEED_PROPERTY, new java.security.SecureRandom().nextLong() >>> 16);
        private String reproduce;
        private final List<Checker> checkers = new ArrayList<>();
        private EvidenceSource evidence = EvidenceSource.none();
        private boolean timeline = !"false".equalsIgnoreCase(System.getProperty(TIMELINE_PROPERTY));
        private Expectations expectations = Expectations.NONE;
        private DataDirectories dataDirectories;
        private Long dataCap;

        private Builder() {
        }

        /** The ensemble's nodes (e.g. {@code ensemble.nodes()}); clients are bound to them in turn. */
        public Builder nodes(List<ZooKeeperNode> ensembleNodes) {
            this.nodes = List.copyOf(ensembleNodes);
            return this;
        }

        /**
         * A started ensemble: its nodes, version and evidence ({@link EvidenceSource#of}: paused or down in the
         * cluster timeline, each node's whole log and data directory copied to the output directory's {@code nodes/}
         * at the end), on either backend.
         */
        public Builder ensemble(io.chaoskeeper.cluster.ZooKeeperEnsemble ensemble) {
            return nodes(ensemble.nodes()).zookeeperVersion(ensemble.version()).backend(ensemble.backend().toString())
                    .evidence(EvidenceSource.of(ensemble)).dataDirectories(ensemble.dataDirectories());
        }

        /** Where the ensemble runs ({@code docker} or {@code local}), for {@code run.json}'s {@code backend}. */
        public Builder backend(String ensembleBackend) {
            this.backend = ensembleBackend;
            return this;
        }

        /** Where server evidence beyond the four-letter words comes from (default {@link EvidenceSource#none()}). */
        public Builder evidence(EvidenceSource source) {
            this.evidence = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Where each node's data directory is read at the end of the run: it is archived as
         * {@code nodes/<node>-data.tar.gz} and checked by {@link ZabLogChecker} (default: not archived).
         */
        public Builder dataDirectories(DataDirectories source) {
            this.dataDirectories = source;
            return this;
        }

        /**
         * Whether every server is polled every 100 ms into {@code cluster.jsonl} (default on; the system property
         * {@value #TIMELINE_PROPERTY}{@code =false} turns it off). Off, anomalies do not name server roles.
         */
        public Builder timeline(boolean poll) {
            this.timeline = poll;
            return this;
        }

        /**
         * At most about this many compressed bytes per node's data archive (default: the system property
         * {@code chaoskeeper.evidence.dataCap}, e.g. {@code 64m}, else 256 MiB).
         */
        public Builder dataArchiveCap(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("a data archive cap cannot be negative: " + bytes);
            }
            this.dataCap = bytes;
            return this;
        }

        /** The ZooKeeper version under test, for {@code run.json}. */
        public Builder zookeeperVersion(String version) {
            this.zookeeperVersion = version;
            return this;
        }

        /** What the clients do. */
        public Builder workload(Workload newWorkload) {
            this.workload = newWorkload;
            return this;
        }

        /** Where the run's files go (created if needed); its {@code nodes/} is for the ensemble's logs. */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        /** The run's name (default: the workload's name). */
        public Builder name(String runName) {
            this.name = runName;
            return this;
        }

        /** How many clients (default one per node); client i is bound to node i mod n. */
        public Builder clients(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a run needs at least one client, not " + count);
            }
            this.clients = count;
            return this;
        }

        /** How long the workload phase lasts (default 10 s). */
        public Builder duration(Duration workloadDuration) {
            this.duration = workloadDuration;
            return this;
        }

        /** How long clients rest after the heal, before the final reads (default 2 s). */
        public Builder quietPeriod(Duration quiet) {
            this.quietPeriod = quiet;
            return this;
        }

        /** After this an operation is abandoned: {@code info} for a write, {@code fail} for a read (default 2 s). */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /** The session timeout clients ask for (default 6 s). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        /** How often a progress line is logged (default 5 s). */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        /** At most this many operations per second over all clients (default: unlimited). */
        public Builder rateLimit(double operationsPerSecond) {
            this.rate = operationsPerSecond;
            return this;
        }

        /** The faults to inject (default {@link FaultSchedule#none()}), described in {@code run.json}. */
        public Builder faults(FaultSchedule schedule, String description) {
            this.faults = Objects.requireNonNull(schedule, "schedule");
            this.faultDescription = description;
            return this;
        }

        /** The faults to inject, described by the schedule's {@code toString()}. */
        public Builder faults(FaultSchedule schedule) {
            return faults(schedule, schedule.toString());
        }

        /** The seed of every client's choices and of the fault schedule. */
        public Builder seed(long runSeed) {
            this.seed = runSeed;
            return this;
        }

        /** The command that reproduces the run, for {@code run.json} (default: {@code -Dchaoskeeper.seed=<seed>}). */
        public Builder reproduce(String command) {
            this.reproduce = command;
            return this;
        }

        /** Checkers run on the history at the end; their results go to {@code checks.json}. */
        public Builder checkers(Checker... more) {
            checkers.addAll(List.of(more));
            return this;
        }

        /** What the run is declared to find, for {@code run.json} (default: {@link Expectations#NONE}). */
        public Builder expectations(Expectations declared) {
            this.expectations = Objects.requireNonNull(declared, "expectations");
            return this;
        }

        /**
         * The run.
         *
         * @throws IllegalStateException when a required part is missing
         */
        public Run build() {
            if (nodes == null || nodes.isEmpty()) {
                throw new IllegalStateException("a run needs the ensemble's nodes: call nodes(ensemble.nodes())");
            }
            if (workload == null) {
                throw new IllegalStateException("a run needs a workload: call workload(Workloads.register()) or another");
            }
            if (outputDirectory == null) {
                throw new IllegalStateException("a run needs an output directory: call outputDirectory(path)");
            }
            name = name == null ? workload.name() : name;
            clients = clients == 0 ? nodes.size() : clients;
            reproduce = reproduce == null ? "-D" + SEED_PROPERTY + "=" + seed : reproduce;
            dataCap = dataCap == null ? DataArchives.configuredCap() : dataCap;
            return new Run(this);
        }
    }

    /**
     * Runs every phase and writes the output directory. The fault schedule is healed and closed, clients are
     * closed and the files are written whatever happens.
     *
     * @throws IllegalStateException in one sentence when a phase cannot be done (e.g. a server is unreachable at
     *                               setup); what was recorded until then is in the output directory
     */
    public RunResult execute() {
        Path dir = b.outputDirectory;
        Map<String, Map<String, Long>> phases = new LinkedHashMap<>();
        Instant startedAt = Instant.now();
        List<Operation> faultOps = Collections.synchronizedList(new ArrayList<>());
        List<ClientSession> sessions = new ArrayList<>();
        List<Workload.Client> clients = new ArrayList<>();
        Nemesis nemesis = null;
        String phase = "setup";
        RuntimeException failure = null;
        HistoryRecorder recorder;
        LatencyLog latency;
        RunEvidence evidence;
        try {
            Files.createDirectories(dir.resolve("nodes"));
            recorder = HistoryRecorder.toFile(dir.resolve("history.jsonl"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the run's files in " + dir + " (" + e.getMessage() + ")", e);
        }
        try {
            latency = new LatencyLog(dir.resolve("latency.hlog"), System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            Cleanup.after(b.name, null).step("closing the history", recorder::close);
            throw new IllegalStateException("cannot write the run's files in " + dir + " (" + e.getMessage() + ")", e);
        }
        try {
            evidence = RunEvidence.start(b.nodes, b.evidence, dir, recorder.startNanos(), b.timeline);
        } catch (IOException | RuntimeException e) {
            Cleanup.after(b.name, null).step("closing the history", recorder::close)
                    .step("closing the latency log", latency::close);
            throw new IllegalStateException("cannot record the cluster's timeline in " + dir + " ("
                    + e.getMessage() + ")", e);
        }
        long start = recorder.startNanos();
        RunState state = new RunState(recorder, latency, b.clients);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "run-ticker"));
        try {
            phaseStart(phases, "setup", start);
            try (ClientSession admin = new ClientSession(state, -1, state.newProcess(), null, allNodes(), b.seed,
                    b.operationTimeout, b.sessionTimeout, true).open()) {
                b.workload.setup(admin);
            }
            for (int i = 0; i < b.clients; i++) {
                ZooKeeperNode node = b.nodes.get(i % b.nodes.size());
                ClientSession session = new ClientSession(state, i, i, node, node.connectString(), b.seed,
                        b.operationTimeout, b.sessionTimeout, false);
                sessions.add(session);
                session.open();
                clients.add(b.workload.client(session));
            }
            // in setup, since starting the schedule readies its faults (network helpers) before its clock starts
            nemesis = b.faults.start(b.nodes, b.seed, event -> faultOps.add(recorder.record(event)));
            phaseEnd(phases, "setup", start);

            phase = "workload";
            phaseStart(phases, phase, start);
            Nemesis active = nemesis;
            long workloadStart = System.nanoTime();
            ticker.scheduleAtFixedRate(latency::roll, 1, 1, TimeUnit.SECONDS);
            long everyMs = b.progressInterval.toMillis();
            var progress = ticker.scheduleAtFixedRate(() -> progress(state, workloadStart, active), everyMs, everyMs,
                    TimeUnit.MILLISECONDS);
            runClients(clients, state);
            progress.cancel(false);
            phaseEnd(phases, phase, start);

            phase = "heal";
            phaseStart(phases, phase, start);
            nemesis.healAll();
            phaseEnd(phases, phase, start);

            phase = "quiet";
            phaseStart(phases, phase, start);
            Thread.sleep(b.quietPeriod.toMillis());
            phaseEnd(phases, phase, start);

            phase = "final";
            phaseStart(phases, phase, start);
            finalReads(state);
            phaseEnd(phases, phase, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("run " + b.name + " was interrupted in its " + phase + " phase", e);
        } catch (Exception e) {
            failure = new IllegalStateException("run " + b.name + " failed in its " + phase + " phase: "
                    + e.getMessage(), e);
        } finally {
            state.stop();
            failure = Cleanup.after(b.name, failure)
                    .step("closing the clients", () -> closeAll(clients, sessions))
                    .step("healing the faults", nemesis == null ? null : nemesis::close)
                    .step("stopping the ticker", ticker::shutdownNow)
                    .step("stopping the cluster timeline", evidence::stopPolling)
                    .step("closing the history", recorder::close)
                    .step("closing the latency log", latency::close)
                    .failure();
        }
        archiveData(dir, phases, start);
        History history;
        try {
            history = recorder.history();
        } catch (RuntimeException e) { // the file holds what the writer got out: check and keep that, lose nothing
            history = JsonLines.read(recorder.file());
            failure = failure != null ? failure : new IllegalStateException("run " + b.name
                    + ": the history could not be written whole (" + e.getMessage() + ")", e);
        }
        List<CheckResult> checks = failure == null ? check(history) : List.of();
        try {
            JsonLines.write(dir.resolve("faults.jsonl"), History.of(List.copyOf(faultOps)));
            Edn.write(dir.resolve("history.edn"), history);
            writeRunJson(dir, startedAt, (System.nanoTime() - start) / 1_000_000, phases, state, failure);
            checks = evidence.finish(history, checks, failure == null);
            if (!checks.isEmpty()) {
                CheckResultJson.write(dir.resolve("checks.json"), checks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files in " + dir, e);
        }
        if (failure != null) {
            throw failure;
        }
        return new RunResult(history, dir, state.counts(), checks);
    }

    private String allNodes() {
        return b.nodes.stream().map(ZooKeeperNode::connectString).collect(Collectors.joining(","));
    }

    private void runClients(List<Workload.Client> clients, RunState state) throws InterruptedException {
        long deadline = System.nanoTime() + b.duration.toNanos();
        long pacingNanos = b.rate > 0 ? (long) (1e9 * clients.size() / b.rate) : 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients.size(), r -> daemon(r, "run-client"));
        for (int i = 0; i < clients.size(); i++) {
            Workload.Client client = clients.get(i);
            int index = i;
            pool.execute(() -> {
                long next = System.nanoTime();
                while (state.running() && System.nanoTime() < deadline) {
                    if (pacingNanos > 0) {
                        next += pacingNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    try {
                        client.step();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a workload bug, not an outcome: say so once a step and keep the client going
                        LOG.log(System.Logger.Level.WARNING, "client " + index + " step failed: " + e);
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(b.duration.toMillis() + b.operationTimeout.toMillis() * 3 + 10_000,
                TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        state.stop();
    }

    private void finalReads(RunState state) throws Exception {
        List<ClientSession> perServer = new ArrayList<>();
        try {
            for (ZooKeeperNode node : b.nodes) {
                ClientSession s = new ClientSession(state, b.clients + perServer.size(), state.newProcess(), node,
                        node.connectString(), b.seed, b.operationTimeout, b.sessionTimeout, true);
                perServer.add(s);
            }
            long deadline = System.nanoTime() + FINAL_CONNECT_PATIENCE.toNanos();
            for (ClientSession s : perServer) {
                s.open(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)));
            }
            b.workload.finish(List.copyOf(perServer));
        } finally {
            perServer.forEach(ClientSession::close);
        }
    }

    /** Each node's data directory into {@code nodes/}, after the final phase and whatever happened before it. */
    private void archiveData(Path dir, Map<String, Map<String, Long>> phases, long start) {
        if (b.dataDirectories == null) {
            return;
        }
        phaseStart(phases, "archive", start);
        try {
            DataArchives.write(b.nodes, b.dataDirectories, dir.resolve("nodes"), b.dataCap);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the nodes' data directories were not archived: " + e);
        }
        phaseEnd(phases, "archive", start);
    }

    private List<CheckResult> check(History history) {
        List<CheckResult> results = new ArrayList<>();
        List<Checker> all = new ArrayList<>(b.checkers);
        if (b.dataDirectories != null) {
            all.add(ZabLogChecker.ofRunDirectory(b.outputDirectory));
        }
        for (Checker checker : all) {
            try {
                results.add(checker.check(history));
            } catch (RuntimeException e) {
                results.add(new CheckResult(checker.name(), Verdict.UNKNOWN, "the checker failed: " + e,
                        List.of(), history.size(), Duration.ZERO, Map.of()));
            }
        }
        return results;
    }

    private void progress(RunState state, long workloadStart, Nemesis nemesis) {
        double elapsed = (System.nanoTime() - workloadStart) / 1e9;
        long ok = state.total("ok");
        long fail = state.total("fail");
        long info = state.total("info");
        LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                "run %s: %.0f/%d s, %.0f ops/s, ok %d, fail %d, info %d, active faults %d, heap after GC %d MB",
                b.name, elapsed, b.duration.toSeconds(), (ok + fail + info) / Math.max(elapsed, 1e-3), ok, fail, info,
                nemesis.activeFaults(), heapAfterGcMb()));
    }

    /**
     * The heap the last collections left live, in MB: what a long run must keep flat (the history is streamed to
     * disk), unlike the used heap, which saws between collections.
     */
    static long heapAfterGcMb() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getCollectionUsage)
                .filter(java.util.Objects::nonNull)
                .mapToLong(java.lang.management.MemoryUsage::getUsed).sum() >> 20;
    }

    private static void closeAll(List<Workload.Client> clients, List<ClientSession> sessions) {
        for (Workload.Client client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a workload client failed: " + e);
            }
        }
        sessions.forEach(ClientSession::close);
    }

    private static void phaseStart(Map<String, Map<String, Long>> phases, String phase, long start) {
        phases.put(phase, new LinkedHashMap<>(Map.of("startMs", (System.nanoTime() - start) / 1_000_000)));
    }

    private static void phaseEnd(Map<String, Map<String, Long>> phases, String phase, long start) {
        phases.get(phase).put("endMs", (System.nanoTime() - start) / 1_000_000);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void writeRunJson(Path dir, Instant startedAt, long durationMs, Map<String, Map<String, Long>> phases,
                              RunState state, RuntimeException failure) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", b.name);
        run.put("seed", b.seed);
        run.put("zookeeperVersion", b.zookeeperVersion);
        run.put("backend", b.backend);
        run.put("nodes", b.nodes.size());
        run.put("workload", Map.of("name", b.workload.name(), "parameters", b.workload.parameters()));
        run.put("schedule", b.faultDescription);
        run.put("clients", b.clients);
        run.put("startedAt", startedAt.toString());
        run.put("durationMs", durationMs);
        run.put("phases", phases);
        run.put("reproduce", b.reproduce);
        run.put("counts", state.counts());
        run.putAll(b.expectations.toRunJson());
        if (failure != null) {
            run.put("error", failure.getMessage());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("run.json").toFile(), run);
    }
}
