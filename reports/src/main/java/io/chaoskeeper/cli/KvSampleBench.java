package io.chaoskeeper.cli;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.check.internal.SimulatedKv;
import io.chaoskeeper.history.History;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --kv-sample N}: generates N kv histories of 2,000 calls per client count ({@link SimulatedKv}, every
 * other one with an injected violation), checks each (timed as the median of 5 warm runs when under a second),
 * and prints per size how many got the verdict they were built with and our times; with {@code PORCUPINE_CMD}, Porcupine's verdicts and times on the
 * same histories and the ratio ours/Porcupine's on those it decided in under a second.
 */
final class KvSampleBench {

    private static final int OPS = 2000;
    private static final int RUNS = 5;
    private static final int WARM_UP = 20;

    private final LinearizabilityChecker checker;
    private final ExternalChecker porcupine;
    private final PrintWriter out;

    KvSampleBench(LinearizabilityChecker checker, ExternalChecker porcupine, PrintWriter out) {
        this.checker = checker;
        this.porcupine = porcupine;
        this.out = out;
    }

    /** Runs the sample; true when every history got its built verdict. */
    boolean run(int perSize, List<Integer> clientCounts, int keys) throws IOException {
        for (int seed = 0; seed < WARM_UP; seed++) { // a warm JVM, as Porcupine's compiled code is from the start
            checker.check(new SimulatedKv(OPS, 10, keys, seed % 2 == 1, 1000 + seed).generate());
        }
        Path file = Files.createTempFile("chaoskeeper-kv", ".txt");
        boolean allRight = true;
        try {
            for (int clients : clientCounts) {
                allRight &= size(perSize, clients, keys, file);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        out.printf(Locale.ROOT, "resident peak: %s%n", residentPeak());
        if (porcupine == null) {
            out.println("Porcupine: not given (set PORCUPINE_CMD to run it side by side)");
        }
        return allRight;
    }

    private boolean size(int perSize, int clients, int keys, Path file) throws IOException {
        int right = 0;
        double[] ours = new double[perSize];
        List<Double> ratios = new ArrayList<>();
        int theirsDecided = 0;
        int agreed = 0;
        int decidedAtAll = 0;
        String worst = "-";
        double worstRatio = 0;
        for (int seed = 0; seed < perSize; seed++) {
            boolean violation = seed % 2 == 1;
            History h = new SimulatedKv(OPS, clients, keys, violation, seed).generate();
            long t0 = System.nanoTime();
            CheckResult r = checker.check(h);
            double first = (System.nanoTime() - t0) / 1e6;
            ours[seed] = first > 1000 ? first : medianMillis(h);
            boolean ok = r.verdict() == (violation ? Verdict.INVALID : Verdict.VALID);
            right += ok ? 1 : 0;
            if (!ok) {
                out.printf(Locale.ROOT, "  clients %d seed %d: built %s, got %s (%s)%n", clients, seed,
                        violation ? "invalid" : "valid", r.verdict().wireName(), r.summary());
            }
            if (porcupine != null) {
                Files.writeString(file, SimulatedKv.porcupineKv(h));
                ExternalChecker.Answer a = porcupine.check("kv", file, 60);
                decidedAtAll += a.decided() ? 1 : 0;
                agreed += a.decided() && a.verdict().equals(r.verdict().wireName()) ? 1 : 0;
                if (a.decided() && a.millis() < 1000) {
                    theirsDecided++;
                    ratios.add(ours[seed] / a.millis());
                    if (ours[seed] / a.millis() > worstRatio) {
                        worstRatio = ours[seed] / a.millis();
                        worst = String.format(Locale.ROOT, "%.3f (seed %d: ours %.1f ms, Porcupine %.1f ms)",
                                worstRatio, seed, ours[seed], a.millis());
                    }
                }
            }
        }
        Arrays.sort(ours);
        out.printf(Locale.ROOT, "kv %d clients: %d/%d built verdicts; ours median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                clients, right, perSize, ours[perSize / 2], ours[perSize * 9 / 10], ours[perSize - 1]);
        if (porcupine != null) {
            double[] q = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long within = ratios.stream().filter(x -> x <= 0.5).count();
            out.printf(Locale.ROOT, "  Porcupine decided %d/%d in < 1 s; ratio ours/Porcupine on those: median %s,"
                    + " worst %s, within 1/2 on %d/%d%n", theirsDecided, perSize,
                    q.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f", q[q.length / 2]),
                    worst, within, q.length);
            out.printf(Locale.ROOT, "  Porcupine's verdict agrees with ours on %d/%d it decided%n", agreed, decidedAtAll);
        }
        out.flush();
        return right == perSize;
    }

    /**
     * Our time on a history already checked once in under a second: the median of {@value #RUNS} more checks, as
     * the Porcupine driver times its own (warm, median of its runs).
     */
    private double medianMillis(History h) {
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            checker.check(h);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }

    /** The process's resident peak (VmHWM) in MiB, or "unknown" off Linux. */
    static String residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb >> 10) + " MiB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }
}
