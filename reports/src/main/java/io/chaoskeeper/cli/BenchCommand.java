package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code chaoskeeper bench --model M FILE...}: times the linearizability check of each file in-process, after a
 * warm-up, and prints each file's median and the total of the medians. {@code --generate OUT} instead writes a
 * synthetic cas-register history (see {@link SimulatedRegister}) so benchmark figures can be reproduced.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the linearizability check of histories (or generate a synthetic one).")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    HistoryInput input;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20",
            description = "Timed runs per file after as many warm-up runs (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--generate", paramLabel = "OUT",
            description = "Write a generated cas-register history (JSON Lines) to OUT instead of timing.")
    Path generate;

    @Option(names = "--ops", defaultValue = "2000", description = "Generated invocations (default ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--processes", defaultValue = "8", description = "Generated clients (default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--keys", defaultValue = "1", description = "Generated registers (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--indeterminate", defaultValue = "0.03",
            description = "Fraction of writes/cas that time out (default ${DEFAULT-VALUE}).")
    double indeterminate;

    @Option(names = "--stale-reads", defaultValue = "0",
            description = "Provably stale reads to inject (default ${DEFAULT-VALUE}).")
    int staleReads;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (generate != null) {
            return generate(out, err);
        }
        if (iterations < 1) {
            err.println("chaoskeeper bench: --iterations must be at least 1");
            return Main.USAGE;
        }
        if (!input.valid("bench", err)) {
            return Main.USAGE;
        }
        double total = 0;
        List<CheckResult> results = new ArrayList<>();
        for (Path file : input.files) {
            HistoryInput.Loaded loaded;
            try {
                loaded = input.load(file);
            } catch (HistoryFormatException e) {
                err.println("chaoskeeper bench: " + e.getMessage());
                return Main.USAGE;
            }
            for (int i = 0; i < iterations; i++) {
                loaded.checker().check(loaded.history());
            }
            double[] millis = new double[iterations];
            CheckResult last = null;
            long cpu0 = processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                last = loaded.checker().check(loaded.history());
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMean = (processCpuNanos() - cpu0) / 1e6 / iterations;
            Arrays.sort(millis);
            double median = millis[iterations / 2];
            total += median;
            results.add(last);
            out.printf(Locale.ROOT, "%s: %s, median %.3f ms (mean process cpu %.3f ms; %d ops, %d runs)%n",
                    file, last.verdict().wireName(), median, cpuMean, last.operations(), iterations);
        }
        out.printf(Locale.ROOT, "total median: %.3f ms%n", total);
        out.flush();
        return CheckCommand.exitCode(results);
    }

    /** CPU time of the whole process (all threads), to tell work from waiting on a busy machine. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private int generate(PrintWriter out, PrintWriter err) {
        if (ops < 1 || processes < 1 || keys < 1 || indeterminate < 0 || indeterminate > 1 || staleReads < 0) {
            err.println("chaoskeeper bench: --ops, --processes and --keys must be positive and --indeterminate"
                    + " between 0 and 1");
            return Main.USAGE;
        }
        try {
            var history = new SimulatedRegister(ops, processes, keys, indeterminate, staleReads, seed).generate();
            JsonLines.write(generate, history);
            out.println(generate + ": " + history.size() + " events written");
            return 0;
        } catch (IOException | IllegalStateException e) {
            err.println("chaoskeeper bench: cannot generate " + generate + " (" + e.getMessage() + ")");
            return Main.USAGE;
        }
    }
}
