package io.chaoskeeper.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long a 100,000-operation run takes to render, and how soon its page is interactive in headless
 * Chromium (navigation start to the first timeline draw) and how long a full redraw takes. Goals: render ≤ 3 s,
 * interactive ≤ 2 s. Then the same with the server lanes of a 10-minute 5-node run (30,000 samples of
 * cluster.jsonl) side by side with no lanes. Run: see the reports module's README section in the lead's notes, or
 * {@code java -cp <test classpath> io.chaoskeeper.report.ReportBenchmark [operations]}.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("chaoskeeper-bench-");
        try {
            SyntheticRun.of(operations, 42).withInvalidCheck().writeTo(dir);
            System.out.printf("history: %,d operations, %,d bytes of history.jsonl%n", operations,
                    Files.size(dir.resolve("history.jsonl")));
            if (System.getProperty("bench.readFirst") != null) {
                long start = System.nanoTime();
                io.chaoskeeper.history.JsonLines.read(dir.resolve("history.jsonl")).calls();
                System.out.printf("read history alone: %,d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
            // the machine may be shared: the thread's CPU time shows the cost without other processes' load
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                Path page = RunReport.render(dir);
                System.out.printf("render %d: %,d ms wall, %,d ms CPU, index.html %,d bytes (load average %.1f)%n",
                        round, (System.nanoTime() - start) / 1_000_000,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000, Files.size(page),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            String why = HeadlessChromium.unavailable();
            if (why != null) {
                System.out.println("browser figures skipped: " + why);
                return;
            }
            Files.delete(dir.resolve("cluster.jsonl"));
            RunReport.render(dir);
            pages(dir, "report-100k.png");
            long samples = SyntheticCluster.writeBusy(dir, 5, 600_000_000_000L, 42);
            long start = System.nanoTime();
            RunReport.render(dir);
            System.out.printf("with server lanes (%,d samples of cluster.jsonl, 5 nodes, 10 min): render %,d ms%n",
                    samples, (System.nanoTime() - start) / 1_000_000);
            pages(dir, "report-100k-lanes.png");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Opens the page three times: when it became interactive and how long a whole-run redraw takes. */
    private static void pages(Path dir, String screenshot) throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
                for (int round = 1; round <= 3; round++) {
                    chromium.open(dir.resolve("index.html"));
                    Number ready = (Number) chromium.js("return window.__readyAt");
                    Number redraw = (Number) chromium.js("""
                            const t = performance.now();
                            for (let i = 0; i < 10; i++) window.__timeline.redraw();
                            return (performance.now() - t) / 10;""");
                    if (round == 1) {
                        chromium.js("document.getElementById('timeline-section').scrollIntoView()");
                        Path shot = Files.createDirectories(Path.of("reports", "target", "browser")).resolve(screenshot);
                        Files.copy(chromium.driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), shot,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    System.out.printf("page %d: interactive %.0f ms after navigation start, whole-run redraw %.1f ms"
                            + " (%s)%n", round, ready.doubleValue(), redraw.doubleValue(),
                            chromium.js("const d = JSON.parse(document.getElementById('data').textContent);"
                                    + "return d.cluster ? d.cluster.lanes.reduce((n, l) => n + l.intervals.length, 0)"
                                    + " + ' server intervals' : 'no server lanes'"));
                }
        }
    }
}
