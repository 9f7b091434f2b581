package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.ZabLogChecker;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code chaoskeeper logs RUN_DIR...}: the {@code zab-logs} check of each run directory's data archives
 * ({@code nodes/<node>-data.tar.gz}) against its {@code history.jsonl}. One line per run directory and one per
 * anomaly; exit 0 when all are valid, 1 when any is invalid, 3 when some are unknown, 2 for a missing directory or
 * an unreadable history.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Check Zab's agreement, no-holes and durability on a run's archived transaction logs.")
public final class LogsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (with nodes/*-data.tar.gz).")
    List<Path> runs;

    @Option(names = "--json", description = "Print the results as JSON (checks.json format) instead of lines.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CheckResult> results = new ArrayList<>();
        for (Path run : runs) {
            if (!Files.isDirectory(run)) {
                err.println("chaoskeeper logs: " + run + " is not a run directory");
                return Main.USAGE;
            }
            Path file = run.resolve("history.jsonl");
            History history;
            try {
                history = Files.exists(file) ? JsonLines.read(file) : History.of(List.of());
            } catch (HistoryFormatException e) {
                err.println("chaoskeeper logs: " + e.getMessage());
                return Main.USAGE;
            }
            CheckResult result = ZabLogChecker.ofRunDirectory(run).check(history);
            results.add(result);
            if (!json) {
                out.println(run + ": " + result.verdict().wireName() + " (" + result.summary() + ")");
                result.anomalies().forEach(a -> out.println("  " + a.kind() + ": " + a.message()));
            }
        }
        if (json) {
            out.println(CheckResultJson.toJson(results));
        }
        out.flush();
        return CheckCommand.exitCode(results);
    }
}
