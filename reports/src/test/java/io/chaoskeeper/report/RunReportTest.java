package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.run.ReportRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunReportTest {

    @TempDir
    Path tmp;

    @Test
    void rendersAFullRunWithVerdictsTimelineFaultsAndLatencyFromTheLog() throws IOException {
        Path dir = SyntheticRun.of(3000, 7).withInvalidCheck().writeTo(tmp.resolve("run"));

        Path page = RunReport.render(dir);

        assertThat(page).isEqualTo(dir.resolve("index.html"));
        JsonNode d = PageData.of(page);
        assertThat(d.get("checks").get(0).get("verdict").asText()).isEqualTo("invalid");
        assertThat(d.get("run").get("seed").asLong()).isEqualTo(7);
        JsonNode t = d.get("timeline");
        History history = JsonLines.read(dir.resolve("history.jsonl"));
        assertThat(t.get("start")).hasSize(3000);
        java.util.Set<Long> processes = new java.util.HashSet<>();
        t.get("process").forEach(p -> processes.add(p.asLong()));
        assertThat(processes.size()).isGreaterThan(10); // timed-out clients continue as new processes
        assertThat(t.get("lanes").size()).isBetween(10, processes.size() - 1); // ... in the lane of their thread
        assertThat(t.get("faults")).isNotEmpty();
        assertThat(t.get("faults").get(0).get("kind").asText()).isEqualTo("partition");
        JsonNode unhealed = t.get("faults").get(t.get("faults").size() - 1);
        assertThat(unhealed.get("stop").asLong()).isEqualTo(-1);
        long openEnded = 0;
        for (JsonNode stop : t.get("stop")) {
            openEnded += stop.asLong() < 0 ? 1 : 0;
        }
        assertThat(openEnded).isEqualTo(3);
        // latencies come from the log and line up with the history's timeline (seconds since the run started)
        JsonNode latency = d.get("latency");
        assertThat(latency.get("source").asText()).isEqualTo("latency.hlog");
        double lastSecond = history.operations().get(history.size() - 1).time() / 1e9;
        for (JsonNode series : latency.get("series")) {
            for (JsonNode second : series.get("t")) {
                assertThat(second.asDouble()).isBetween(0.0, lastSecond + 1);
            }
        }
        JsonNode readOk = find(latency.get("table"), "read:ok");
        assertThat(readOk.get("p50").asDouble()).isLessThanOrEqualTo(readOk.get("p99").asDouble());
        assertThat(readOk.get("p99").asDouble()).isLessThanOrEqualTo(readOk.get("max").asDouble());
        assertThat(d.get("files").toString()).contains("history.jsonl", "latency.hlog", "nodes/zk1.log");
        assertThat(d.get("missing")).isEmpty();
    }

    @Test
    void countsOperationsByFunctionAndOutcome() throws IOException {
        Path dir = SyntheticRun.of(500, 3).writeTo(tmp.resolve("run"));
        List<io.chaoskeeper.history.Call> calls = JsonLines.read(dir.resolve("history.jsonl")).calls();

        JsonNode counts = PageData.of(RunReport.render(dir)).get("counts");

        long casFails = calls.stream().filter(c -> c.invoke().f().equals("cas")
                && c.outcome() == io.chaoskeeper.history.Operation.Type.FAIL).count();
        assertThat(find(counts, "cas").get("fail").asLong()).isEqualTo(casFails).isPositive();
        long total = 0;
        for (JsonNode row : counts) {
            total += row.get("ok").asLong() + row.get("fail").asLong() + row.get("info").asLong();
        }
        assertThat(total).isEqualTo(calls.size());
    }

    @Test
    void valuesFromTheHistoryCannotBreakOutOfThePage() throws IOException {
        Path dir = SyntheticRun.of(400, 1).withXss().withInvalidCheck().writeTo(tmp.resolve("run"));

        Path page = RunReport.render(dir);

        String html = Files.readString(page);
        assertThat(html).doesNotContain(SyntheticRun.XSS_VALUE).doesNotContain(SyntheticRun.XSS_KEY)
                .doesNotContain("<b>bold</b>").doesNotContain("<!--");
        // exactly our two script elements (data and code), each closed once
        assertThat(html.split("<script", -1)).hasSize(3);
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).contains("<title>CasRegisterIT &lt;script&gt;window.__xss=1&lt;/script&gt; ·");
        // the escaping is lossless: the page reads back the exact strings
        JsonNode d = PageData.of(page);
        assertThat(d.get("timeline").get("value").toString()).contains("\\\"" + SyntheticRun.XSS_VALUE + "\\\"");
        assertThat(d.get("timeline").get("strings").toString()).contains(SyntheticRun.XSS_KEY,
                "\\\"quoted\\\" & <b>bold</b>");
        assertThat(d.get("checks").get(0).get("summary").asText()).contains(SyntheticRun.XSS_KEY);
    }

    @Test
    void embedsNoAbsolutePathAndLinksFilesRelatively() throws IOException {
        Path dir = SyntheticRun.of(200, 2).writeTo(tmp.resolve("run"));
        Files.writeString(dir.resolve("checks.json"), "[{not json");
        Files.writeString(dir.resolve("faults.jsonl"), "{\"index\":\n");

        String html = Files.readString(RunReport.render(dir));

        assertThat(html).doesNotContain(tmp.toString()).doesNotContain(tmp.toRealPath().toString())
                .doesNotContain("file:/");
        JsonNode d = PageData.of(dir.resolve("index.html"));
        for (JsonNode file : d.get("files")) {
            assertThat(file.get("path").asText()).doesNotStartWith("/").doesNotContain("..");
        }
        assertThat(d.get("notes").toString()).contains("checks.json could not be read");
    }

    @Test
    void anImportedHistoryAloneGetsTimelineAndLatenciesFromTheHistoryAndSaysWhatIsMissing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("imported"));
        JsonLines.write(dir.resolve("history.jsonl"), SyntheticRun.of(300, 4).history());

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("latency").get("source").asText()).isEqualTo("history");
        assertThat(d.get("timeline").get("start")).hasSize(300);
        assertThat(d.get("checks")).isEmpty();
        assertThat(d.get("missing").toString()).contains("checks.json: no verdicts", "latency.hlog",
                "run.json", "nodes/");
        assertThat(d.get("title").asText()).isEqualTo("imported");
    }

    @Test
    void aHistoryTimedFromTheEpochGetsThroughputOnlyOverItsOwnSpan() throws IOException {
        long epoch = 1_764_000_000_000_000_000L;
        Path dir = Files.createDirectories(tmp.resolve("epoch"));
        JsonLines.write(dir.resolve("history.jsonl"), History.of(List.of(
                io.chaoskeeper.history.Operation.of(0, io.chaoskeeper.history.Operation.Type.INVOKE, 0, "read", null, epoch),
                io.chaoskeeper.history.Operation.of(1, io.chaoskeeper.history.Operation.Type.OK, 0, "read", 3L,
                        epoch + 2_500_000_000L))));

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("throughput").get("from").asLong()).isEqualTo(epoch / 1_000_000_000L);
        assertThat(d.get("throughput").get("ok").toString()).isEqualTo("[0,0,1]");
        assertThat(d.get("timeline").get("begin").asLong()).isEqualTo(epoch / 1000);
    }

    @Test
    void anUnreadableLatencyLogFallsBackToTheHistoryWithANote() throws IOException {
        Path dir = SyntheticRun.of(300, 8).writeTo(tmp.resolve("run"));
        Files.writeString(dir.resolve("latency.hlog"), "#[StartTime: 1.0 (seconds since epoch)]\nnot,a,histogram\n");

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("latency").get("source").asText()).isEqualTo("history");
        assertThat(d.get("notes").toString()).contains("latency.hlog").contains("computed from the history");
    }

    @Test
    void aMalformedHistoryIsANoteNamingTheLineNotAFailure() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("history.jsonl"), "{\"index\":0,\"type\":\"invoke\"}\n");

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("timeline")).isNull();
        assertThat(d.get("notes").get(0).asText()).startsWith("history.jsonl:1:");
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain(tmp.toString());
    }

    @Test
    void aDirectoryWithoutRunFilesIsOneSentence() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> RunReport.render(empty)).isInstanceOf(ReportException.class)
                .hasMessageEndingWith("holds no history.jsonl, checks.json or run.json, so it is not a run directory.");
        assertThatThrownBy(() -> RunReport.render(tmp.resolve("absent"))).isInstanceOf(ReportException.class)
                .hasMessageEndingWith("is not a directory.");
    }

    @Test
    void reportWriterWritesARunDirectoryForAnImportedHistory() throws IOException {
        SyntheticRun synthetic = SyntheticRun.of(200, 5).withInvalidCheck();
        History history = synthetic.history();

        Path page = ReportWriter.forHistory(history, synthetic.checks(history))
                .withRunInfo(java.util.Map.of("name", "etcd_001", "workload", "cas-register"))
                .writeTo(tmp.resolve("out/etcd_001"));

        Path dir = page.getParent();
        assertThat(JsonLines.read(dir.resolve("history.jsonl")).operations()).isEqualTo(history.operations());
        assertThat(CheckResultJson.read(dir.resolve("checks.json"))).hasSize(2);
        JsonNode d = PageData.of(page);
        assertThat(d.get("title").asText()).isEqualTo("etcd_001");
        assertThat(d.get("checks").get(0).get("anomalies").get(0).get("data").get("failing").asLong())
                .isEqualTo(SyntheticRun.failingEvent(history));
    }

    @Test
    void theFrameworkFindsTheRendererThroughTheServiceLoader() throws IOException {
        Path dir = SyntheticRun.of(100, 6).writeTo(tmp.resolve("runs/a"));

        ReportRenderer renderer = ReportRenderer.find().orElseThrow();

        assertThat(renderer.renderRun(dir)).exists();
        assertThat(renderer.renderIndex(tmp.resolve("runs"))).isEqualTo(tmp.resolve("runs/index.html")).exists();
    }

    @Test
    void theIndexListsEveryRunBelowTheRootWithRelativeLinksAndRendersMissingReports() throws IOException {
        Path root = tmp.resolve("runs");
        SyntheticRun.of(200, 1).withInvalidCheck().writeTo(root.resolve("suite/CasIT/1"));
        SyntheticRun.of(200, 2).writeTo(root.resolve("suite/CasIT/2"));
        Path imported = Files.createDirectories(root.resolve("imported"));
        JsonLines.write(imported.resolve("history.jsonl"), SyntheticRun.of(100, 3).history());

        Path page = RunIndex.render(root);

        JsonNode runs = PageData.of(page).get("runs");
        List<String> hrefs = new ArrayList<>();
        runs.forEach(r -> hrefs.add(r.get("href").asText()));
        assertThat(hrefs).containsExactly("imported/index.html", "suite/CasIT/1/index.html",
                "suite/CasIT/2/index.html");
        assertThat(root.resolve("suite/CasIT/2/index.html")).exists();
        assertThat(runs.get(0).get("verdict").asText()).isEqualTo("unchecked");
        assertThat(runs.get(0).get("durationMs").asLong()).isPositive();
        assertThat(runs.get(1).get("verdict").asText()).isEqualTo("invalid");
        assertThat(runs.get(2).get("verdict").asText()).isEqualTo("unknown");
        assertThat(Files.readString(page)).doesNotContain(tmp.toString());
    }

    private static JsonNode find(JsonNode rows, String name) {
        for (JsonNode row : rows) {
            if (name.equals(row.path("tag").asText(null)) || name.equals(row.path("f").asText(null))) {
                return row;
            }
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }
}
