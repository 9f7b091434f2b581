package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code chaoskeeper bench --model M FILE...}: times the linearizability check of each file in-process, after a
 * warm-up, and prints each file's median and the total of the medians. {@code --generate OUT} instead writes a
 * synthetic cas-register history (see {@link SimulatedRegister}) so benchmark figures can be reproduced.
 * {@code --kv-sample N} checks generated kv histories instead ({@link KvSampleBench}; {@code --kv-built} one class of
 * them, for its own resident peak). With the environment variable {@code PORCUPINE_CMD} set, Porcupine runs side
 * by side ({@link ExternalChecker}); the resident peak is printed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the linearizability check of histories (or generate a synthetic one).")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    HistoryInput input;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20",
            description = "Timed runs per file, after as many warm-up runs over all files in turn (default"
                    + " ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warm-up", paramLabel = "D", converter = HistoryInput.DurationConverter.class,
            description = "Check the histories for at least this long before timing them, so that the JIT has"
                    + " compiled the search, e.g. 10s, 0s (default 10s).")
    Duration warmUp = WarmUp.DEFAULT;

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

    @Option(names = "--kv-sample", paramLabel = "N",
            description = "Generate N kv histories of 2,000 calls per client count (every other one with one"
                    + " violation), check each and print verdicts, times, the resident peak and, with PORCUPINE_CMD,"
                    + " Porcupine's times and the ratio.")
    int kvSample;

    @Option(names = "--clients", split = ",", defaultValue = "10,20,50",
            description = "Client counts for --kv-sample (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--kv-keys", defaultValue = "10", description = "Keys for --kv-sample (default ${DEFAULT-VALUE}).")
    int kvKeys;

    @Option(names = "--kv-built", paramLabel = "CLASS", defaultValue = "both",
            description = "Which histories --kv-sample checks: valid, invalid or both (default ${DEFAULT-VALUE}); one"
                    + " class a process gives that class its own resident peak, as the JVM keeps what it took.")
    String kvBuilt;

    @Option(names = "--memory-limit", paramLabel = "MIB",
            description = "Memory the searches may cost the process, in MiB, the collector's room included: they"
                    + " keep at most 40%% of it alive (default 1024, at most the maximum heap).")
    Long memoryLimitMib;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (generate != null) {
            return generate(out, err);
        }
        if (kvSample > 0) {
            return kvSample(out, err);
        }
        if (iterations < 1) {
            err.println("chaoskeeper bench: --iterations must be at least 1");
            return Main.USAGE;
        }
        if (!input.valid("bench", err)) {
            return Main.USAGE;
        }
        List<HistoryInput.Loaded> histories = new ArrayList<>();
        for (Path file : input.files) {
            try {
                histories.add(input.load(file));
            } catch (HistoryFormatException e) {
                err.println("chaoskeeper bench: " + e.getMessage());
                return Main.USAGE;
            }
        }
        warmUp(histories);
        double total = 0;
        List<CheckResult> results = new ArrayList<>();
        ExternalChecker porcupine = ExternalChecker.fromEnvironment();
        SideBySide sideBySide = new SideBySide("Porcupine");
        for (HistoryInput.Loaded loaded : histories) {
            Path file = loaded.file();
            LinearizabilityChecker checker = limited(loaded.checker());
            double[] millis = new double[iterations];
            CheckResult last = null;
            WarmUp.again(warmUp, () -> checker.check(loaded.history())); // the JVM sat idle while Porcupine ran
            long cpu0 = processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                last = checker.check(loaded.history());
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMean = (processCpuNanos() - cpu0) / 1e6 / iterations;
            Arrays.sort(millis);
            double median = millis[iterations / 2];
            total += median;
            results.add(last);
            out.printf(Locale.ROOT, "%s: %s, median %.3f ms (mean process cpu %.3f ms; %d ops, %d runs)%n",
                    file, last.verdict().wireName(), median, cpuMean, last.operations(), iterations);
            if (porcupine != null) {
                sideBySide(out, porcupine.check(input.model, file, 120), file, last, median, sideBySide);
            }
        }
        out.printf(Locale.ROOT, "total median: %.3f ms%n", total);
        if (porcupine != null && histories.size() > 1) {
            sideBySide.print(out, "");
        }
        out.printf(Locale.ROOT, "resident peak: %s%n", KvSampleBench.residentPeak());
        out.flush();
        return CheckCommand.exitCode(results);
    }

    /**
     * Checks all files in turn ({@link WarmUp}), at least {@code iterations} times: the first file is then not timed
     * on a colder JIT than the last (its own 20 runs left the first of Porcupine's etcd logs at 1.1 times
     * Porcupine's time, the others at 0.1).
     */
    private void warmUp(List<HistoryInput.Loaded> histories) {
        WarmUp.run(warmUp, iterations,
                () -> histories.forEach(loaded -> limited(loaded.checker()).check(loaded.history())));
    }

    /** Porcupine's verdict and time on the same file, and its place in the summary. */
    private static void sideBySide(PrintWriter out, ExternalChecker.Answer a, Path file, CheckResult ours,
                                   double oursMillis, SideBySide sideBySide) {
        out.printf(Locale.ROOT, "  Porcupine: %s%n", a.error() != null ? "no answer (" + a.error() + ")"
                : String.format(Locale.ROOT, "%s, median %.3f ms; ratio ours/Porcupine %.3f", a.verdict(),
                a.millis(), oursMillis / a.millis()));
        sideBySide.add(file.getFileName().toString(), ours.verdict().wireName(), oursMillis, a);
    }

    private LinearizabilityChecker limited(LinearizabilityChecker checker) {
        return memoryLimitMib == null ? checker : checker.withMemoryLimit(memoryLimitMib << 20);
    }

    private int kvSample(PrintWriter out, PrintWriter err) {
        if (kvSample < 2 || kvKeys < 1 || clients.stream().anyMatch(c -> c < 1)) {
            err.println("chaoskeeper bench: --kv-sample must be at least 2, --clients and --kv-keys positive");
            return Main.USAGE;
        }
        if (!List.of("valid", "invalid", "both").contains(kvBuilt)) {
            err.println("chaoskeeper bench: --kv-built must be valid, invalid or both");
            return Main.USAGE;
        }
        LinearizabilityChecker checker = limited(LinearizabilityChecker.of(Models.kv()));
        try {
            boolean right = new KvSampleBench(input.timeLimit == null ? checker
                    : checker.withTimeLimit(input.timeLimit), ExternalChecker.fromEnvironment(), out, kvBuilt, warmUp)
                    .run(kvSample, clients, kvKeys);
            return right ? 0 : 1;
        } catch (java.io.IOException | IllegalStateException e) {
            err.println("chaoskeeper bench: the kv sample failed (" + e.getMessage() + ")");
            return Main.USAGE;
        }
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
