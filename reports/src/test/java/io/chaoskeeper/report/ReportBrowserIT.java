package io.chaoskeeper.report;

import io.chaoskeeper.history.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports in real headless Chromium, one browser for the class. */
class ReportBrowserIT extends BrowserTest {

    private static Path invalidRun;
    private static History invalidHistory;

    @BeforeAll
    static void writeRuns() throws IOException {
        SyntheticRun run = SyntheticRun.of(4000, 11).withXss().withInvalidCheck();
        invalidRun = run.writeTo(tmp.resolve("runs/CasRegisterIT/1"));
        invalidHistory = run.history();
        RunReport.render(invalidRun);
    }

    @Test
    void theReportLoadsWithoutConsoleErrorsDrawsTheTimelineAndShadesFaults() {
        chromium.open(invalidRun.resolve("index.html"));

        long inked = ((Number) chromium.js("""
                const c = document.getElementById('timeline');
                const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < px.length; i += 4) if (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235) n++;
                return n;""")).longValue();
        assertThat(inked).isGreaterThan(5000);
        // the fault band's top edge is drawn in the fault colour at the first fault's start
        @SuppressWarnings("unchecked")
        List<Number> rgb = (List<Number>) chromium.js("""
                const f = JSON.parse(document.getElementById('data').textContent).timeline.faults[0];
                const c = document.getElementById('timeline');
                const x = Math.round(window.__timeline.xOf(f.start + (f.stop - f.start) / 2));
                return Array.from(c.getContext('2d').getImageData(x, 17, 1, 1).data).slice(0, 3);""");
        assertThat(rgb).containsExactly(179L, 90L, 0L);
        assertThat(chromium.driver.findElement(By.id("timeline-range")).getText()).contains("4,000 operations");
        double whole = span();
        chromium.driver.findElement(By.id("zoom-in")).click();
        chromium.await("the zoomed-in view", () -> Math.abs(span() - whole / 2) < 1);
        chromium.driver.findElement(By.id("zoom-reset")).click();
        chromium.await("the whole run again", () -> Math.abs(span() - whole) < 1);
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void theConsoleCheckWouldSeeAnError() {
        chromium.open(invalidRun.resolve("index.html"));

        chromium.js("console.error('probe-' + 42)");

        assertThat(chromium.errors()).anyMatch(e -> e.getMessage().contains("probe-42"));
    }

    @Test
    void theCounterexampleNamesTheFailingOperationAndHoverShowsIt() {
        chromium.open(invalidRun.resolve("index.html"));
        long failing = SyntheticRun.failingEvent(invalidHistory);

        WebElement section = chromium.driver.findElement(By.id("counterexamples"));
        assertThat(section.isDisplayed()).isTrue();
        String failingText = section.findElement(By.cssSelector(".op.failing")).getText();
        assertThat(failingText).startsWith("event " + failing + ": process ").contains("read");
        assertThat(section.getText()).contains("Longest linearizable prefix: 3 operations",
                "Concurrent with it (2)", "{\"value\":3,\"version\":7}");

        double whole = span();
        section.findElement(By.xpath(".//button[text()='Show on timeline']")).click();
        chromium.await("the view around the counterexample", () -> span() < whole / 10);
        assertThat((Boolean) chromium.js("""
                const v = window.__timeline.view(), t = JSON.parse(document.getElementById('data').textContent).timeline;
                const row = window.__timeline.rowOfEvent(arguments[0]);
                return v.t0 <= t.start[row] && t.stop[row] <= v.t1;""", failing)).isTrue();
        String tooltip = hover("return window.__timeline.rowOfEvent(" + failing + ")");
        assertThat(tooltip).contains("read", "events ", String.valueOf(failing), "counterexample: cannot be placed");
    }

    @Test
    void markupInTheHistoryStaysInertText() {
        chromium.open(invalidRun.resolve("index.html"));

        String tooltip = hover("""
                const t = JSON.parse(document.getElementById('data').textContent).timeline;
                return t.value.findIndex(v => v.includes('<img'));""");

        assertThat(tooltip).contains(SyntheticRun.XSS_VALUE);
        assertThat(chromium.js("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(chromium.js("return document.images.length")).isEqualTo(0L);
        assertThat(chromium.js("return document.scripts.length")).isEqualTo(2L);
        String text = chromium.driver.findElement(By.tagName("body")).getText();
        assertThat(text).contains("CasRegisterIT " + SyntheticRun.XSS_KEY, "read saw " + SyntheticRun.XSS_KEY);
        assertThat(chromium.driver.getTitle()).startsWith("CasRegisterIT " + SyntheticRun.XSS_KEY);
        screenshot("report-screenshot.png");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void theKnossosRethinkFixtureShowsTheCheckersReadOfThreeByProcess12() {
        CheckedFixture fixture = CheckedFixture.of("knossos/cas-register/bad/rethink-fail-smaller.edn",
                io.chaoskeeper.history.format.HistoryFormat.KNOSSOS_EDN, "cas-register");
        Path page = ReportWriter.forHistory(fixture.history(), List.of(fixture.result())).writeTo(tmp.resolve("knossos"));
        long failing = fixture.failing();

        chromium.open(page);

        assertThat(chromium.driver.findElement(By.cssSelector(".op.failing")).getText())
                .startsWith("event " + failing + ": process 12 · read null → 3 · ok");
        String tooltip = hover("return window.__timeline.rowOfEvent(" + failing + ")");
        assertThat(tooltip).startsWith("read null → 3").contains("events 215, 217", "counterexample: cannot be placed");
        screenshot("knossos-rethink-screenshot.png");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void lockAndZxidAnomaliesShowTheirSectionsTokensAndZxids() {
        java.util.List<io.chaoskeeper.history.Operation> ops = new java.util.ArrayList<>();
        ops.add(op(0, "invoke", 1, "acquire", null, 1_000_000));
        ops.add(op(1, "ok", 1, "acquire", 33L, 3_000_000));
        ops.add(op(2, "invoke", 2, "acquire", null, 4_000_000));
        ops.add(op(3, "ok", 2, "acquire", 34L, 6_000_000));
        ops.add(op(4, "invoke", 1, "release", null, 9_000_000));
        ops.add(op(5, "ok", 1, "release", null, 10_000_000));
        History history = History.of(ops);
        io.chaoskeeper.check.CheckResult lock = new io.chaoskeeper.check.CheckResult("lock-safety",
                io.chaoskeeper.check.Verdict.INVALID, "two clients held the lock at once",
                List.of(new io.chaoskeeper.check.Anomaly("lock-not-exclusive",
                        "process 2 acquired the lock with token 34 while process 1 held it with token 33",
                        List.of(3L, 1L), Map.of("clients", List.of(1, 2), "tokens", List.of(33, 34),
                        "overlapMs", 6))), 3, Duration.ZERO, Map.of());
        io.chaoskeeper.check.CheckResult zxid = new io.chaoskeeper.check.CheckResult("zookeeper-guarantees",
                io.chaoskeeper.check.Verdict.INVALID, "a client saw the past",
                List.of(new io.chaoskeeper.check.Anomaly("zxid-went-backwards",
                        "process 1 saw zxid 0x200000005 after 0x200000007", List.of(5L),
                        Map.of("client", 1, "zxids", List.of("0x200000007", "0x200000005")))),
                3, Duration.ZERO, Map.of());
        Path page = ReportWriter.forHistory(history, List.of(lock, zxid)).writeTo(tmp.resolve("lock"));

        chromium.open(page);

        String text = chromium.driver.findElement(By.id("counterexamples")).getText();
        assertThat(text).contains("Overlapping critical sections",
                "process 2 held the lock with token 34 from 0.006 s to the end (never released)",
                "process 1 held the lock with token 33 from 0.003 s to 0.010 s",
                "event 3: process 2 · acquire null → 34 · ok", "event 1: process 1 · acquire null → 33 · ok",
                "tokens", "[33,34]", "zxid-went-backwards", "process 1 saw zxid 0x200000005 after 0x200000007",
                "[\"0x200000007\",\"0x200000005\"]");
        assertThat(hover("return window.__timeline.rowOfEvent(3)")).contains("acquire null → 34");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void aRunWithOnlyChecksSaysWhatIsMissingWithoutScriptErrors() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("checks-only"));
        String message = "read 3, but the register can only hold 0 or 4";
        io.chaoskeeper.check.CheckResultJson.write(dir.resolve("checks.json"), List.of(
                new io.chaoskeeper.check.CheckResult("linearizability", io.chaoskeeper.check.Verdict.INVALID, message,
                        List.of(new io.chaoskeeper.check.Anomaly("not-linearizable", message, List.of(5L),
                                Map.of("failing", 5L))), 0, Duration.ZERO, Map.of())));

        chromium.open(RunReport.render(dir));

        assertThat(chromium.driver.findElement(By.id("counterexamples")).getText())
                .contains("event 5 (not a client operation of this history)");
        assertThat(chromium.driver.findElement(By.id("timeline-empty")).getText()).isEqualTo("No history: nothing to draw.");
        assertThat(chromium.driver.findElement(By.id("files")).getText())
                .contains("history.jsonl: no timeline, counts or latencies");
        assertThat(chromium.errors()).isEmpty();
    }

    private static io.chaoskeeper.history.Operation op(long index, String type, long process, String f, Object value,
                                                       long time) {
        return new io.chaoskeeper.history.Operation(index, io.chaoskeeper.history.Operation.Type.fromWireName(type),
                process, f, value, time, "/lock", "zk1", null, null, Map.of());
    }

    private static double span() {
        return ((Number) chromium.js("const v = window.__timeline.view(); return v.t1 - v.t0;")).doubleValue();
    }

    /** Moves the real mouse over the bar of the row the script returns and gives the tooltip's text. */
    private static String hover(String rowScript) {
        return chromium.hoverTimeline("const row = (() => {%s})(); return window.__timeline.pixelOf(row);"
                .formatted(rowScript));
    }

    private static void screenshot(String name) {
        chromium.screenshot(name);
    }
}
