package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.HistoryFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code chaoskeeper check --model M FILE...}: is each history linearizable? One line per file; exit 0 when all are
 * valid, 1 when any is invalid, 3 when some are unknown and none invalid, 2 for bad usage or unreadable input.
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            input.validate();
        } catch (IllegalArgumentException e) {
            err.println("chaoskeeper check: " + e.getMessage());
            return Main.USAGE;
        }
        List<CheckResult> results = new ArrayList<>();
        boolean unreadable = false;
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
        }
        if (json) {
            out.println(CheckResultJson.toJson(results));
        }
        out.flush();
        return unreadable ? Main.USAGE : exitCode(results);
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
