package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Server lanes, roles in anomalies, grouped counterexamples and the run index's outcomes in headless Chromium. */
class EvidenceBrowserIT extends BrowserTest {

    private static final long S = 1_000_000_000L;
    /** A point of zk1's leader interval before any fault (the synthetic run's first fault starts later). */
    private static final String LEADER_TIME = """
            const d = JSON.parse(document.getElementById('data').textContent);
            const iv = d.cluster.lanes[0].intervals[0], firstFault = d.timeline.faults[0].start;
            const t = (iv[0] + Math.min(iv[1], firstFault)) / 2;""";

    private static Path lanesRun;

    @BeforeAll
    static void writeRuns() throws IOException {
        lanesRun = SyntheticRun.of(4000, 11).withInvalidCheck().writeTo(tmp.resolve("lanes"));
        ObjectMapper json = new ObjectMapper();
        JsonNode checks = json.readTree(lanesRun.resolve("checks.json").toFile());
        ((ObjectNode) checks.get(0).get("anomalies").get(0)).set("servers", json.readTree(
                "[{\"node\":\"zk5\",\"role\":\"leader\",\"epoch\":1},{\"node\":\"zk2\",\"role\":\"follower\",\"epoch\":1}]"));
        json.writeValue(lanesRun.resolve("checks.json").toFile(), checks);
        RunReport.render(lanesRun);
    }

    @Test
    void serverLanesAreDrawnInTheirColoursAndHoverNamesTheRoleEpochAndZxid() {
        chromium.open(lanesRun.resolve("index.html"));

        assertThat(pixel(LEADER_TIME + "return window.__timeline.pixelOfServer(0, t);")).containsExactly(91L, 42L, 134L);
        assertThat(pixel(LEADER_TIME + "return window.__timeline.pixelOfServer(2, t);")).containsExactly(127L, 167L, 217L);
        assertThat(chromium.hoverTimeline(LEADER_TIME + "return window.__timeline.pixelOfServer(0, t);"))
                .contains("zk1 leader · epoch 1 · leader 1", "zxid 0x100000000 → 0x1", "samples");
        String paused = chromium.hoverTimeline("""
                const iv = JSON.parse(document.getElementById('data').textContent).cluster.lanes[2].intervals[1];
                return window.__timeline.pixelOfServer(2, (iv[0] + iv[1]) / 2);""");
        assertThat(paused).startsWith("zk3 paused").contains("error: no answer within 50 ms", "10 samples");
        assertThat(chromium.driver.findElement(By.id("server-legend")).getText()).contains("leader", "paused");

        chromium.driver.findElement(By.id("zoom-in")).click();
        chromium.driver.findElement(By.id("zoom-in")).click();
        String mid = "const v = window.__timeline.view(), t = (v.t0 + v.t1) / 2;";
        String expected = (String) chromium.js(mid + """
                const lane = JSON.parse(document.getElementById('data').textContent).cluster.lanes[1];
                return lane.intervals.find(iv => iv[0] <= t && t < iv[1])[2];""");
        assertThat(chromium.hoverTimeline(mid + "return window.__timeline.pixelOfServer(1, t);"))
                .startsWith("zk2 " + expected);
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void theAnomalyNamesTheServersRolesAndTheFilesAndServersAreListed() {
        chromium.open(lanesRun.resolve("index.html"));

        String counterexamples = chromium.driver.findElement(By.id("counterexamples")).getText();
        assertThat(counterexamples).contains("zk5 (leader, epoch 1), zk2 (follower, epoch 1)",
                "faults pause zk2, 2.5 s – end"); // from the timeline: the checker gave no faults
        String files = chromium.driver.findElement(By.id("files")).getText();
        assertThat(files).contains("cluster.jsonl", "servers.json", "nodes/zk1.log", "nodes/zk3-data.tar.gz 4.4 KiB");
        assertThat(chromium.driver.findElement(By.cssSelector("#file-links a[href='nodes/zk3-data.tar.gz']"))
                .isDisplayed()).isTrue();
        assertThat(chromium.driver.findElement(By.id("servers")).getText())
                .contains("zk2 2 leader 0x20000004d 0", "(cut at the size cap)", "not reported");
        chromium.screenshot("evidence-screenshot.png");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void counterexamplesAreGroupedByKindWithTheFirstThreeOpenAndTheRestOneClickAway() {
        chromium.open(lockRunWithManyAnomalies());

        assertThat(chromium.driver.findElement(By.cssSelector(".kind-counts")).getText())
                .isEqualTo("lock-not-exclusive: 2 · lost-update: 48");
        WebElement lost = chromium.driver.findElement(By.cssSelector(".kind-group[data-kind='lost-update']"));
        assertThat(lost.findElement(By.tagName("h3")).getText())
                .isEqualTo("lost-update × 48 · lock-safety (the first 5 kept in checks.json)");
        List<WebElement> items = lost.findElements(By.cssSelector("details.anomaly"));
        assertThat(items).hasSize(5);
        assertThat(items.stream().map(d -> d.getAttribute("open") != null).toList())
                .containsExactly(true, true, true, false, false);
        assertThat(items.get(0).getText()).contains("pause zk3, 12.3–17.3 s", "partition zk1,zk2, 14.0 s – end",
                "intervals", "12.300–17.300 s");
        WebElement fourth = items.get(3);
        assertThat(fourth.findElements(By.cssSelector(".anomaly-body"))).isEmpty(); // built when opened
        fourth.findElement(By.tagName("summary")).click();
        chromium.await("the fourth body", () -> !fourth.findElements(By.cssSelector(".anomaly-body")).isEmpty());
        assertThat(fourth.getText()).contains("lost update 3", "pause zk3, 12.3–17.3 s");
        WebElement raw = fourth.findElement(By.cssSelector("details.raw"));
        raw.findElement(By.tagName("summary")).click();
        assertThat(raw.findElement(By.tagName("pre")).getText()).contains("\"kind\": \"lost-update\"", "12300000000");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void theIndexCountsOutcomesApartShowsVersionsSideBySideAndLinksTheFinding() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("docs/findings"));
        Files.writeString(project.resolve("docs/findings/stale-reads.md"), "# stale reads\n");
        Path root = project.resolve("runs");
        ToyRun.named("cas", "3.8.4").valid("lin").writeTo(root.resolve("CrossVersionIT/cas/3.8.4"));
        ToyRun.named("cas", "3.9.4").found("lin", "not-linearizable").writeTo(root.resolve("CrossVersionIT/cas/3.9.4"));
        ToyRun.named("stale", "3.9.4").found("lin", "not-linearizable").with("backend", "docker")
                .with("expectedAnomalies", List.of("not-linearizable"))
                .with("finding", "docs/findings/stale-reads.md").writeTo(root.resolve("StaleReadIT/reads"));
        ToyRun.named("unsafe", "3.9.4").valid("lock").with("expectedAnomalies", List.of("lock-not-exclusive"))
                .writeTo(root.resolve("UnsafeLockIT/locks"));

        chromium.open(RunIndex.render(root));

        assertThat(chromium.driver.findElement(By.id("outcome-counts")).getText())
                .isEqualTo("1 passed · 1 found as expected · 1 expected but missing · 1 unexpected failure");
        List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#runs tbody tr"));
        assertThat(rows.get(0).getText()).contains("unexpected failure", "lin found not-linearizable");
        assertThat(rows.get(1).getText()).contains("expected but missing", "expected lock-not-exclusive was not found");
        assertThat(rows.get(2).getText()).contains("found as expected not-linearizable",
                "finding: docs/findings/stale-reads.md", "3.9.4 · docker");
        assertThat(rows.get(2).findElement(By.cssSelector("a.finding")).getAttribute("href"))
                .endsWith("/project/docs/findings/stale-reads.md");
        WebElement versions = chromium.driver.findElement(By.id("versions"));
        assertThat(versions.isDisplayed()).isTrue();
        assertThat(versions.getText()).contains("Test 3.8.4 3.9.4", "CrossVersionIT/cas passed unexpected failure");
        assertThat(versions.findElement(By.cssSelector("td[data-version='3.9.4'] a")).getAttribute("href"))
                .endsWith("/runs/CrossVersionIT/cas/3.9.4/index.html");

        chromium.driver.findElement(By.xpath("//table[@id='runs']//th[text()='Outcome']")).click();

        assertThat(chromium.driver.findElements(By.cssSelector("#runs tbody tr")).get(0).getText()).contains("passed");
        chromium.screenshot("index-screenshot.png");
        assertThat(chromium.errors()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> pixel(String pointScript) {
        return (List<Long>) chromium.js("""
                const p = (() => {%s})(), c = document.getElementById('timeline'), r = window.devicePixelRatio || 1;
                return Array.from(c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data)
                    .slice(0, 3);""".formatted(pointScript));
    }

    /** A lock run whose checker found 2 lock-not-exclusive and 48 lost-update anomalies, 5 of them kept. */
    private static Path lockRunWithManyAnomalies() {
        List<Operation> ops = new ArrayList<>();
        long[][] events = {{0, 1, 1}, {1, 1, 3}, {2, 2, 4}, {3, 2, 6}};
        for (long[] e : events) {
            ops.add(new Operation(e[0], e[0] % 2 == 0 ? Operation.Type.INVOKE : Operation.Type.OK, e[1], "acquire",
                    e[0] % 2 == 0 ? null : 30L + e[0], e[2] * S, "/lock", "zk1", null, null, Map.of()));
        }
        Map<String, Object> pause = Map.of("id", 1, "kind", "pause", "targets", List.of("zk3"),
                "start", 12_300_000_000L, "end", 17_300_000_000L);
        Map<String, Object> partition = Map.of("id", 2, "kind", "partition", "targets", List.of("zk1", "zk2"),
                "start", 14 * S, "end", Long.MAX_VALUE);
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            anomalies.add(new Anomaly("lock-not-exclusive", "two holders " + i, List.of(1L, 3L),
                    Map.of("intervals", List.of(List.of(3 * S, 9 * S), List.of(6 * S, 10 * S)), "faults", List.of())));
        }
        for (int i = 0; i < 5; i++) {
            anomalies.add(new Anomaly("lost-update", "lost update " + i, List.of(3L), Map.of(
                    "intervals", List.of(List.of(12_300_000_000L, 17_300_000_000L)),
                    "faults", List.of(pause, partition), "counter", i)));
        }
        CheckResult result = new CheckResult("lock-safety", Verdict.INVALID, "lock broken", anomalies, 2,
                Duration.ZERO, Map.of("anomalyCounts", Map.of("lock-not-exclusive", 2, "lost-update", 48)));
        return ReportWriter.forHistory(History.of(ops), List.of(result)).writeTo(tmp.resolve("grouped"));
    }
}
