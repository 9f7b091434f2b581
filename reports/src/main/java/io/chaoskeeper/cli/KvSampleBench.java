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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench --kv-sample N}: generates N kv histories of 2,000 calls per client count ({@link SimulatedKv}, every
 * other one with an injected violation), checks each (timed as the median of 5 warm runs when under a second),
 * and prints per size how many got the verdict they were built with and our times, then per class (built valid,
 * built invalid) our verdicts, times and the process's resident peak while checking that class; with
 * {@code PORCUPINE_CMD}, Porcupine's verdicts and times on the same histories and the ratio ours/Porcupine's on
 * those it decided in under a second.
 *
 * <p>The resident peak is the kernel's high-water mark (VmHWM), reset before each history where Linux lets the
 * process (writing 5 to {@code /proc/self/clear_refs}), so a class's peak is the most the JVM held while checking
 * one of its histories; without the reset it is the peak since start. Memory an earlier history made the JVM take
 * stays resident and counts too, so {@code --kv-built} checks one class alone ({@code bench/kv-memory.sh}).
 */
final class KvSampleBench {

    private static final int OPS = 2000;
    private static final int RUNS = 5;
    private static final int WARM_UP = 10;

    private final LinearizabilityChecker checker;
    private final ExternalChecker porcupine;
    private final PrintWriter out;
    private final String built;
    private final Duration warmUp;
    private long peakKib = -1; // the most the process held at any reading, as resets forget it

    /** {@code built}: which histories to check, {@code "valid"}, {@code "invalid"} or {@code "both"}. */
    KvSampleBench(LinearizabilityChecker checker, ExternalChecker porcupine, PrintWriter out, String built,
                  Duration warmUp) {
        this.checker = checker;
        this.porcupine = porcupine;
        this.out = out;
        this.built = built;
        this.warmUp = warmUp;
    }

    /** Runs the sample; true when every history got its built verdict. */
    boolean run(int perSize, List<Integer> clientCounts, int keys) throws IOException {
        List<History> warm = new ArrayList<>();
        for (int seed = 0; seed < WARM_UP; seed++) { // a warm JVM, as Porcupine's compiled code is from the start
            warm.add(new SimulatedKv(OPS, 10, keys, seed % 2 == 1, 1000 + seed).generate());
        }
        WarmUp.run(warmUp, 2, () -> warm.forEach(checker::check));
        peakKib = residentPeakKib(); // before the first reset forgets the warm-up's peak
        Path file = Files.createTempFile("chaoskeeper-kv", ".txt");
        boolean allRight = true;
        try {
            for (int clients : clientCounts) {
                allRight &= size(perSize, clients, keys, file);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        out.printf(Locale.ROOT, "resident peak: %s%n", peakKib < 0 ? "unknown" : (peakKib >> 10) + " MiB");
        if (porcupine == null) {
            out.println("Porcupine: not given (set PORCUPINE_CMD to run it side by side)");
        }
        return allRight;
    }

    private boolean size(int perSize, int clients, int keys, Path file) throws IOException {
        int right = 0;
        int checked = 0;
        double[] ours = new double[perSize];
        Sample valid = new Sample();
        Sample invalid = new Sample();
        SideBySide sideBySide = new SideBySide("Porcupine");
        for (int seed = 0; seed < perSize; seed++) {
            boolean violation = seed % 2 == 1;
            if (!built.equals("both") && built.equals("invalid") != violation) {
                continue; // the other class: its seeds are skipped, so each history is the same in every mode
            }
            History h = new SimulatedKv(OPS, clients, keys, violation, seed).generate();
            boolean reset = resetResidentPeak();
            long t0 = System.nanoTime();
            CheckResult r = checker.check(h);
            double first = (System.nanoTime() - t0) / 1e6;
            double ms = first > 1000 ? first : medianMillis(h);
            ours[checked++] = ms;
            (violation ? invalid : valid).add(r.verdict(), ms, residentPeakKib(), reset);
            boolean ok = r.verdict() == (violation ? Verdict.INVALID : Verdict.VALID);
            right += ok ? 1 : 0;
            if (!ok) {
                out.printf(Locale.ROOT, "  clients %d seed %d: built %s, got %s (%s)%n", clients, seed,
                        violation ? "invalid" : "valid", r.verdict().wireName(), r.summary());
            }
            if (porcupine != null) {
                Files.writeString(file, SimulatedKv.porcupineKv(h));
                sideBySide.add("seed " + seed, r.verdict().wireName(), ms, porcupine.check("kv", file, 60));
            }
        }
        ours = Arrays.copyOf(ours, checked);
        Arrays.sort(ours);
        out.printf(Locale.ROOT, "kv %d clients: %d/%d built verdicts; ours median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                clients, right, checked, ours[checked / 2], ours[checked * 9 / 10], ours[checked - 1]);
        if (!built.equals("invalid")) {
            out.println("  built valid: " + valid);
        }
        if (!built.equals("valid")) {
            out.println("  built invalid: " + invalid);
        }
        if (porcupine != null) {
            sideBySide.print(out, "  ");
        }
        out.flush();
        return right == checked;
    }

    /**
     * Our time on a history already checked once in under a second: the median of {@value #RUNS} more checks after
     * {@linkplain WarmUp#again warming up again}, as the Porcupine driver times its own (after a probe and warm-up
     * runs, median of its runs).
     */
    private double medianMillis(History h) {
        WarmUp.again(warmUp, () -> checker.check(h));
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
        long kib = residentPeakKib();
        return kib < 0 ? "unknown" : (kib >> 10) + " MiB";
    }

    /** VmHWM in KiB, or -1 off Linux. */
    private static long residentPeakKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * Sets VmHWM back to the resident size now, so the next reading is the peak of what follows; false where the
     * kernel does not let the process (not Linux, or before Linux 4.0).
     */
    private boolean resetResidentPeak() {
        peakKib = Math.max(peakKib, residentPeakKib());
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One class of a size (the histories built valid, or those built invalid): our verdicts, times, peak. */
    private final class Sample {
        private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        private final List<Double> millis = new ArrayList<>();
        private long peak = -1;
        private boolean everyPeakReset = true;

        void add(Verdict verdict, double ms, long peakKib, boolean reset) {
            verdicts.merge(verdict, 1, Integer::sum);
            millis.add(ms);
            peak = Math.max(peak, peakKib);
            everyPeakReset &= reset;
            KvSampleBench.this.peakKib = Math.max(KvSampleBench.this.peakKib, peakKib);
        }

        @Override
        public String toString() {
            if (millis.isEmpty()) {
                return "none";
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            StringBuilder text = new StringBuilder();
            verdicts.forEach((v, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(' ')
                    .append(v.wireName()));
            return String.format(Locale.ROOT, "%s; median %.1f ms, max %.1f ms; resident peak %s%s", text,
                    sorted[sorted.length / 2], sorted[sorted.length - 1], peak < 0 ? "unknown" : (peak >> 10) + " MiB",
                    everyPeakReset ? "" : " (since start: the kernel would not reset it)");
        }
    }
}
