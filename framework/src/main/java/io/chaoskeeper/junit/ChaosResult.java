package io.chaoskeeper.junit;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.history.History;
import io.chaoskeeper.junit.internal.Verdicts;
import io.chaoskeeper.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link ChaosRun} produced and how it was judged: the history, each checker's result, the run directory,
 * its HTML report (when the reports module is on the class path) and the seed that reproduces it.
 */
public final class ChaosResult {

    private final RunResult run;
    private final Path report;
    private final long seed;

    ChaosResult(RunResult run, Path report, long seed) {
        this.run = run;
        this.report = report;
        this.seed = seed;
    }

    /** Every client operation and fault event of the run. */
    public History history() {
        return run.history();
    }

    /** The checkers' results, in the order they were given. */
    public List<CheckResult> checks() {
        return run.checks();
    }

    /** The first anomaly of this kind any checker found. */
    public Optional<Anomaly> anomaly(String kind) {
        return Verdicts.find(run.checks(), kind);
    }

    /** The run directory ({@code history.jsonl}, {@code run.json}, {@code checks.json}, ...). */
    public Path outputDirectory() {
        return run.outputDirectory();
    }

    /** The run's {@code index.html}, or empty when no report renderer is on the class path. */
    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The run engine's own result, with the per-operation counts. */
    public RunResult runResult() {
        return run;
    }

    @Override
    public String toString() {
        return "ChaosResult[" + run.outputDirectory() + ", seed " + seed + ", " + run.history().size() + " events]";
    }
}
