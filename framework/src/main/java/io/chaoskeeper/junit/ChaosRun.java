package io.chaoskeeper.junit;

import io.chaoskeeper.check.Checker;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.FaultSequence;
import io.chaoskeeper.fault.RandomFaultSchedule;
import io.chaoskeeper.junit.internal.UnsupportedFaults;
import io.chaoskeeper.junit.internal.VersionSweep;
import io.chaoskeeper.junit.internal.Divergence;
import io.chaoskeeper.junit.internal.Verdicts;
import io.chaoskeeper.junit.internal.WorkloadState;
import io.chaoskeeper.run.Expectations;
import io.chaoskeeper.run.ReportRenderer;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.run.RunResult;
import io.chaoskeeper.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * A run of a workload against the test's ensemble, configured fluently and judged when it ends. Injected by the
 * extension (one per test, by parameter or {@link ChaosInject} field); {@link #run()} records the history, runs
 * the checkers, renders the report and fails the test when a checker found a violation, naming the checker, its
 * counterexample in one line, the seed and the report.
 *
 * <pre>{@code
 * ChaosResult result = chaos.withWorkload(Workloads.register())
 *         .withClients(5)
 *         .withFaults(FaultSchedules.random().mix(Faults.isolateRandom(), 1))
 *         .withDuration(Duration.ofSeconds(30))
 *         .withCheckers(LinearizabilityChecker.of(Models.register()))
 *         .expectAnomaly("not-linearizable")
 *         .run();
 * }</pre>
 *
 * <p>With {@code chaoskeeper.zookeeper.versions} (or {@code @ZooKeeperChaos(versions = ...)}) {@link #run()} repeats
 * the run once per version, with the same seed, on an ensemble of that version, writes each to
 * {@code <run directory>/<version>/} and fails naming every version that failed; {@link #expectAnomalyOn} and
 * {@link #tolerateAnomalyOn} declare what only some versions are known to do.
 */
public final class ChaosRun {

    private final ZooKeeperEnsemble ensemble;
    private final Path directory;
    private final String testName;
    private final Long seed;
    private final Duration durationOverride;
    private final String reproduce;
    private final BiConsumer<Path, Path> publisher;
    private final VersionSweep sweep;
    private final Function<String, ZooKeeperEnsemble> ensembleOfVersion;

    private Workload workload;
    private int clients;
    private FaultSchedule faults = FaultSchedule.none();
    private String faultDescription = "none";
    private Duration duration = Duration.ofSeconds(30);
    private int faultDensity = 1;
    private final List<Checker> checkers = new ArrayList<>();
    /** Checkers that are reported but never fail the test. */
    private final Set<String> reportOnly = new LinkedHashSet<>();
    private final Set<String> expected = new LinkedHashSet<>();
    private final Set<String> tolerated = new LinkedHashSet<>();
    private final List<VersionRule> versionRules = new ArrayList<>();
    private final Map<String, List<String>> witnessRules = new LinkedHashMap<>();
    private final Map<String, ChaosResult> results = new LinkedHashMap<>();
    private Consumer<Run.Builder> tuning = b -> { };
    private String name;
    private String finding;
    private String divergence;

    /** Anomaly kinds expected (or tolerated) only on the versions a predicate accepts. */
    private record VersionRule(Predicate<String> versions, boolean expected, List<String> kinds) {
    }

    ChaosRun(ZooKeeperEnsemble ensemble, Path directory, String testName, Long seed, Duration durationOverride,
             List<String> expected, String reproduce, BiConsumer<Path, Path> publisher) {
        this(ensemble, directory, testName, seed, durationOverride, expected, reproduce, publisher,
                new VersionSweep(List.of()), v -> {
                    throw new IllegalStateException("no ensemble of ZooKeeper " + v + " can be started here");
                });
    }

    ChaosRun(ZooKeeperEnsemble ensemble, Path directory, String testName, Long seed, Duration durationOverride,
             List<String> expected, String reproduce, BiConsumer<Path, Path> publisher, VersionSweep sweep,
             Function<String, ZooKeeperEnsemble> ensembleOfVersion) {
        this.sweep = sweep;
        this.ensembleOfVersion = ensembleOfVersion;
        this.ensemble = ensemble;
        this.directory = directory;
        this.testName = testName;
        this.seed = seed;
        this.durationOverride = durationOverride;
        this.expected.addAll(expected);
        this.reproduce = reproduce;
        this.publisher = publisher;
    }

    /** What the clients do (required), e.g. {@code Workloads.casRegister()}. */
    public ChaosRun withWorkload(Workload newWorkload) {
        this.workload = Objects.requireNonNull(newWorkload, "workload");
        return this;
    }

    /** How many clients (default one per node); client i talks to node i mod n. */
    public ChaosRun withClients(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A run needs at least one client, not " + count + ".");
        }
        this.clients = count;
        return this;
    }

    /**
     * The faults (default none). A {@link RandomFaultSchedule} is pointed at the ensemble's own Docker engine.
     */
    public ChaosRun withFaults(FaultSchedule schedule) {
        return withFaults(schedule, schedule.toString());
    }

    /** The faults, with the description {@code run.json} and the report show. */
    public ChaosRun withFaults(FaultSchedule schedule, String description) {
        this.faults = Objects.requireNonNull(schedule, "schedule");
        this.faultDescription = description;
        return this;
    }

    /** How long the workload runs (default 30 s); {@code chaoskeeper.duration} overrides it for a whole run. */
    public ChaosRun withDuration(Duration workloadDuration) {
        if (workloadDuration.isNegative() || workloadDuration.isZero()) {
            throw new IllegalArgumentException("The duration must be positive, not " + workloadDuration + ".");
        }
        this.duration = workloadDuration;
        return this;
    }

    /** Checkers whose violations fail the test. */
    public ChaosRun withCheckers(Checker... more) {
        checkers.addAll(List.of(more));
        return this;
    }

    /** Checkers that run and are reported (in the result and the report) but never fail the test. */
    public ChaosRun withReportOnly(Checker... more) {
        for (Checker c : more) {
            checkers.add(c);
            reportOnly.add(c.name());
        }
        return this;
    }

    /** The run must find these anomaly kinds; the test fails if it stays clean of any of them. */
    public ChaosRun expectAnomaly(String... kinds) {
        expected.addAll(List.of(kinds));
        return this;
    }

    /**
     * Anomaly kinds that may be found without failing the test, e.g. the lost updates that follow from an expected
     * {@code lock-not-exclusive}.
     */
    public ChaosRun tolerateAnomaly(String... kinds) {
        tolerated.addAll(List.of(kinds));
        return this;
    }

    /**
     * The page that explains the expected or tolerated anomalies, e.g. {@code docs/findings/sync-read-on-leader.md};
     * written to {@code run.json} and linked from the report and the run index.
     */
    public ChaosRun withFinding(String findingPage) {
        this.finding = Objects.requireNonNull(findingPage, "finding");
        return this;
    }

    /**
     * Anomaly kinds the run must find on the versions {@code versions} accepts, e.g. a known bug of those releases;
     * other versions are judged without them.
     */
    public ChaosRun expectAnomalyOn(Predicate<String> versions, String... kinds) {
        versionRules.add(new VersionRule(Objects.requireNonNull(versions, "versions"), true, List.of(kinds)));
        return this;
    }

    /**
     * Anomaly kinds that may be found without failing the test on the versions {@code versions} accepts, e.g. a known
     * bug of those releases that a run hits only sometimes; other versions are judged without them.
     */
    public ChaosRun tolerateAnomalyOn(Predicate<String> versions, String... kinds) {
        versionRules.add(new VersionRule(Objects.requireNonNull(versions, "versions"), false, List.of(kinds)));
        return this;
    }

    /**
     * Anomaly kinds that may be found without failing the test in a run where the server-side anomaly
     * {@code witness} was found too, e.g. a known ZooKeeper bug that the servers' own logs name whenever it strikes:
     * the witness and the anomalies it explains pass, and the same anomalies in a run without it still fail.
     */
    public ChaosRun tolerateAnomalyWhen(String witness, String... kinds) {
        witnessRules.put(Objects.requireNonNull(witness, "witness"), List.of(kinds));
        return this;
    }

    /** The results of the last {@link #run()} by ZooKeeper version, in the order they ran (one without a sweep). */
    public Map<String, ChaosResult> results() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** The run's name, its directory's name (default: the test method's name). */
    public ChaosRun withName(String runName) {
        this.name = Objects.requireNonNull(runName, "name");
        return this;
    }

    /** Further run settings (operation and session timeouts, rate limit, quiet period) on the engine's builder. */
    public ChaosRun withRunSettings(Consumer<Run.Builder> settings) {
        this.tuning = tuning.andThen(settings);
        return this;
    }

    /** The ensemble the run targets. */
    public ZooKeeperEnsemble ensemble() {
        return ensemble;
    }

    /** Why a run of this test left the class's ensemble unfit for the next test, which then gets a fresh one. */
    Optional<String> divergence() {
        return Optional.ofNullable(divergence);
    }

    /** The soak profile's denser random schedules: faults start {@code factor} times as often. */
    ChaosRun withFaultDensity(int factor) {
        this.faultDensity = factor;
        return this;
    }

    /**
     * Runs the workload with the faults, checks the history, writes and publishes the report, and judges it; in a
     * version sweep, once per version (see the class comment).
     *
     * @return the result (of the last version in a sweep), when every checker is satisfied and every expected anomaly
     *         was found
     * @throws AssertionFailedError     naming the checker, the counterexample, the seed and the report otherwise; in a
     *                                  sweep, naming each version that failed and why
     * @throws IllegalStateException    when the run itself cannot be done (what was recorded is kept)
     */
    public ChaosResult run() {
        if (workload == null) {
            throw new IllegalStateException("A chaos run needs a workload: call withWorkload(Workloads.register()) "
                    + "or another before run().");
        }
        results.clear();
        long runSeed = seed != null ? seed : new java.security.SecureRandom().nextLong() >>> 16;
        Path dir = freshDirectory(name != null ? name : testName);
        if (!sweep.isSweep()) {
            return runOn(ensemble, dir, runSeed, reproduce);
        }
        Map<String, String> failed = new LinkedHashMap<>();
        ChaosResult last = null;
        for (String version : sweep.versions()) {
            try {
                last = runVersion(version, sweep.directory(dir, version), runSeed);
            } catch (AssertionFailedError | RuntimeException e) {
                failed.put(version, e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionFailedError(failed.size() + " of " + sweep.versions().size() + " ZooKeeper versions "
                    + "failed (" + String.join(", ", failed.keySet()) + ").\n" + failed.entrySet().stream()
                    .map(f -> "ZooKeeper " + f.getKey() + ": " + f.getValue()).collect(Collectors.joining("\n")));
        }
        return last;
    }

    /** One version of a sweep: on the class's ensemble when it runs that version, else on a fresh one. */
    private ChaosResult runVersion(String version, Path dir, long runSeed) {
        String command = reproduce + " -D" + VersionSweep.VERSIONS + "=" + version;
        if (version.equals(ensemble.version())) {
            return runOn(ensemble, dir, runSeed, command);
        }
        try (ZooKeeperEnsemble other = ensembleOfVersion.apply(version)) {
            other.start();
            return runOn(other, dir, runSeed, command);
        }
    }

    private ChaosResult runOn(ZooKeeperEnsemble ensemble, Path dir, long runSeed, String reproduce) {
        WorkloadState.clear(ensemble.connectString());
        FaultSchedule schedule = faults;
        if (faults instanceof RandomFaultSchedule random) {
            UnsupportedFaults.abortIfAny(ensemble, random.faults());
            schedule = random.denser(faultDensity).withInjector(nodes -> FaultInjector.forEnsemble(ensemble));
        } else if (faults instanceof FaultSequence sequence) {
            UnsupportedFaults.abortIfAny(ensemble, sequence.faults());
            schedule = sequence.withInjector(nodes -> FaultInjector.forEnsemble(ensemble));
        }
        Expectations expectations = Expectations.of(kinds(ensemble.version(), true), kinds(ensemble.version(),
                false), reportOnly, finding).withToleratedWhen(witnessRules);
        Run.Builder builder = Run.builder()
                .ensemble(ensemble)
                .workload(workload)
                .outputDirectory(dir)
                .name(sweep.isSweep() ? dir.getParent().getFileName() + "-" + ensemble.version()
                        : dir.getFileName().toString())
                .duration(durationOverride != null ? durationOverride : duration)
                .faults(schedule, faultDescription)
                .seed(runSeed)
                .reproduce(reproduce + " -D" + Run.SEED_PROPERTY + "=" + runSeed)
                .checkers(checkers.toArray(Checker[]::new))
                .expectations(expectations);
        if (clients > 0) {
            builder.clients(clients);
        }
        tuning.accept(builder);
        RunResult result;
        try {
            result = builder.build().execute();
        } catch (RuntimeException e) {
            if (ensemble == this.ensemble) {
                divergence = "the run failed, leaving the servers in an unknown state";
            }
            Path report = render(dir);
            publisher.accept(dir, report);
            throw new IllegalStateException(sentence(e.getMessage()) + " Seed " + runSeed + "; what was recorded is in "
                    + dir.toAbsolutePath() + ".", e);
        }
        Path report = render(dir);
        publisher.accept(dir, report);
        ChaosResult chaos = new ChaosResult(result, report, runSeed);
        results.put(ensemble.version(), chaos);
        if (ensemble == this.ensemble) {
            Divergence.of(result.checks()).ifPresent(why -> divergence = why);
        }
        Set<String> found = result.checks().stream().flatMap(c -> c.anomalies().stream()).map(a -> a.kind())
                .collect(Collectors.toSet());
        List<String> failures = Verdicts.failures(result.checks(), reportOnly, expectations.expectedAnomalies(),
                expectations.toleratedGiven(found));
        if (!failures.isEmpty()) {
            throw new AssertionFailedError(String.join("\n", failures) + "\n" + footer(chaos, reproduce));
        }
        return chaos;
    }

    /** The kinds expected (or tolerated) on this version: those of every version plus its own. */
    private Set<String> kinds(String version, boolean wanted) {
        Set<String> kinds = new LinkedHashSet<>(wanted ? expected : tolerated);
        versionRules.stream().filter(r -> r.expected() == wanted && r.versions().test(version))
                .forEach(r -> kinds.addAll(r.kinds()));
        return kinds;
    }

    private static String footer(ChaosResult result, String reproduce) {
        String where = result.report().map(Path::toAbsolutePath).map(Path::toString)
                .orElse(result.outputDirectory().toAbsolutePath().toString());
        return "seed " + result.seed() + " (reproduce: " + reproduce + " -D" + Run.SEED_PROPERTY + "="
                + result.seed() + "); report: " + where + "; checks: " + result.checks().stream()
                .map(c -> c.checker() + "=" + c.verdict().name().toLowerCase()).collect(Collectors.joining(", "));
    }

    private static String sentence(String message) {
        String m = String.valueOf(message);
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    private Path freshDirectory(String base) {
        String safe = base.replaceAll("[^A-Za-z0-9._-]+", "-");
        try {
            Files.createDirectories(directory);
            for (int n = 1; ; n++) {
                Path candidate = directory.resolve(n == 1 ? safe : safe + "-" + n);
                try {
                    return Files.createDirectory(candidate);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // an earlier run of this test, in this or a previous build: take the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + directory, e);
        }
    }

    private static Path render(Path dir) {
        try {
            return ReportRenderer.find().map(r -> r.renderRun(dir)).orElse(null);
        } catch (RuntimeException e) {
            System.getLogger(ChaosRun.class.getName()).log(System.Logger.Level.WARNING,
                    "the report of " + dir + " could not be rendered: " + e.getMessage());
            return null;
        }
    }
}
