package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.report.ReportException;
import io.chaoskeeper.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code chaoskeeper check --model M FILE...}: is each history linearizable? One line per file; exit 0 when all are
 * valid, 1 when any is invalid, 3 when some are unknown and none invalid, 2 for bad usage, unreadable input or a
 * report that cannot be written. With {@code --report OUT} each file also gets a run directory with its HTML report
 * (OUT itself for one file, OUT/&lt;file name&gt; for several) and the path of each {@code index.html} is printed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check histories for linearizability against a model.")
public final class CheckCommand implements Callable<Integer> {

    /** Exit code when a history is not linearizable. */
    public static final int INVALID = 1;
    /** Exit code when a check could not decide. */
    public static final int UNKNOWN = 3;

    @Mixin
    HistoryInput input;

    @Option(names = "--json", description = "Print the results as JSON (checks.json format) instead of lines.")
    boolean json;

    @Option(names = "--report", paramLabel = "OUT",
            description = "Write a run directory with an HTML report for each file: OUT for one file, OUT/<file name>"
                    + " for several; prints the path of each index.html.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!input.valid("check", err) || !reportNamesDistinct(err)) {
            return Main.USAGE;
        }
        List<CheckResult> results = new ArrayList<>();
        boolean unreadable = false;
        boolean unwritable = false;
        for (Path file : input.files) {
            HistoryInput.Loaded loaded;
            try {
                loaded = input.load(file);
            } catch (HistoryFormatException e) {
                err.println("chaoskeeper check: " + e.getMessage());
                unreadable = true;
                continue;
            }
            CheckResult r = loaded.checker().check(loaded.history());
            results.add(r);
            if (!json) {
                out.println(line(file, r));
                if (r.verdict() != Verdict.VALID) {
                    out.println("  " + r.summary());
                }
            }
            if (report != null && !unwritable) {
                // with --json stdout stays one JSON document, so the pages are named on stderr
                unwritable = !writeReport(loaded, r, json ? err : out, err);
            }
        }
        if (json) {
            out.println(CheckResultJson.toJson(results));
        }
        out.flush();
        return unreadable || unwritable ? Main.USAGE : exitCode(results);
    }

    /** Several files named alike would overwrite each other's run directory under OUT. */
    private boolean reportNamesDistinct(PrintWriter err) {
        if (report == null || input.files.size() < 2) {
            return true;
        }
        Set<Path> names = new HashSet<>();
        for (Path file : input.files) {
            if (!names.add(file.getFileName())) {
                err.println("chaoskeeper check: two files are named " + file.getFileName()
                        + ", so their reports would share " + report.resolve(file.getFileName())
                        + "; check them with separate --report directories");
                return false;
            }
        }
        return true;
    }

    /** Writes one file's run directory and prints its index.html; false (after one sentence) if it cannot. */
    private boolean writeReport(HistoryInput.Loaded loaded, CheckResult result, PrintWriter pages, PrintWriter err) {
        Path dir = input.files.size() == 1 ? report : report.resolve(loaded.file().getFileName());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", loaded.file().getFileName().toString());
        run.put("model", input.model);
        run.put("format", loaded.format().wireName());
        run.put("reproduce", reproduce(loaded));
        try {
            pages.println(ReportWriter.forHistory(loaded.history(), List.of(result)).withRunInfo(run).writeTo(dir));
            return true;
        } catch (ReportException | UncheckedIOException e) {
            err.println("chaoskeeper check: " + e.getMessage());
            return false;
        }
    }

    /** The command that checks this one file again the same way. */
    private String reproduce(HistoryInput.Loaded loaded) {
        return "java -jar chaoskeeper.jar check --model " + input.model + " --format " + loaded.format().wireName()
                + (input.timeLimit == null ? "" : " --time-limit " + input.timeLimit.toMillis() + "ms") + " "
                + loaded.file().toAbsolutePath().normalize();
    }

    static String line(Path file, CheckResult r) {
        return file + ": " + r.verdict().wireName() + " (" + r.operations() + " ops, " + r.elapsed().toMillis()
                + " ms)";
    }

    static int exitCode(List<CheckResult> results) {
        Verdict all = Verdict.VALID;
        for (CheckResult r : results) {
            all = all.and(r.verdict());
        }
        return switch (all) {
            case VALID -> 0;
            case INVALID -> INVALID;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
