package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoskeeper.history.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server evidence in the report: lanes from cluster.jsonl, servers.json, roles in anomalies, the file list. */
class EvidenceReportTest {

    @TempDir
    Path tmp;

    @Test
    void clusterSamplesBecomeOneIntervalPerStateEpochAndLeader() throws IOException {
        Path dir = SyntheticRun.of(3000, 7).writeTo(tmp.resolve("run"));
        long end = JsonLines.read(dir.resolve("history.jsonl")).operations().stream()
                .mapToLong(op -> op.time()).max().orElseThrow();
        long change = SyntheticCluster.leaderChange(end);

        JsonNode cluster = PageData.of(RunReport.render(dir)).get("cluster");

        long lines = Files.readAllLines(dir.resolve("cluster.jsonl")).size();
        assertThat(cluster.get("samples").asLong()).isEqualTo(lines);
        JsonNode lanes = cluster.get("lanes");
        assertThat(lanes).hasSize(3);
        JsonNode zk1 = lanes.get(0).get("intervals");
        assertThat(lanes.get(0).get("node").asText()).isEqualTo("zk1");
        assertThat(zk1).hasSize(3); // leader, looking, follower
        assertThat(zk1.get(0).get(2).asText()).isEqualTo("leader");
        assertThat(zk1.get(0).get(0).asLong()).isZero();
        assertThat(zk1.get(0).get(1).asLong()).isEqualTo(change / 1000); // until the first looking sample
        assertThat(zk1.get(0).get(3).asLong()).isEqualTo(1); // epoch
        assertThat(zk1.get(0).get(5).asText()).isEqualTo("0x100000000");
        assertThat(zk1.get(0).get(6).asText()).isEqualTo("0x1" + String.format("%08x", change / 100_000_000 - 1));
        assertThat(zk1.get(1).get(2).asText()).isEqualTo("looking");
        assertThat(zk1.get(1).get(4).isNull()).isTrue(); // no leader while looking
        assertThat(zk1.get(2).get(2).asText()).isEqualTo("follower");
        assertThat(zk1.get(2).get(4).asLong()).isEqualTo(2);
        JsonNode zk3 = lanes.get(2).get("intervals");
        assertThat(zk3.get(1).get(2).asText()).isEqualTo("paused");
        assertThat(zk3.get(1).get(7).asText()).isEqualTo("no answer within 50 ms");
        assertThat(zk3.get(1).get(8).asLong()).isEqualTo(10); // 1 s of samples every 100 ms
        long intervals = 0;
        for (JsonNode lane : lanes) {
            intervals += lane.get("intervals").size();
        }
        assertThat(intervals).isLessThan(lines / 20); // compressed
    }

    @Test
    void linesThatAreNotSamplesAreLeftOutWithANote() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        JsonLines.write(dir.resolve("history.jsonl"), SyntheticRun.of(100, 1).history());
        Files.writeString(dir.resolve("cluster.jsonl"), """
                {"time": 0, "node": "zk1", "id": 1, "state": "leader", "epoch": 1, "zxid": 4294967296, "leader": 1}
                {"time": "soon", "node": "zk1", "state": "leader"}
                not json
                {"time": 100000000, "node": "zk1", "id": 1, "state": "leader", "epoch": 1, "zxid": 4294967300, "leader": 1}
                """);

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("cluster").get("lanes").get(0).get("intervals")).hasSize(1);
        assertThat(d.get("notes").toString()).contains("cluster.jsonl: 2 lines are not samples");
    }

    @Test
    void withoutClusterFileThereAreNoLanesAndTheReportSaysSo() throws IOException {
        Path dir = SyntheticRun.of(200, 2).writeTo(tmp.resolve("run"));
        Files.delete(dir.resolve("cluster.jsonl"));

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("cluster").isNull()).isTrue();
        assertThat(d.get("missing").toString()).contains("cluster.jsonl: no server lanes");
    }

    @Test
    void everyFileOfTheRunIsListedWithItsSizeIncludingOnesNoReaderKnows() throws IOException {
        Path dir = SyntheticRun.of(200, 3).writeTo(tmp.resolve("run"));
        Files.writeString(dir.resolve("future-evidence.bin"), "12345");
        Files.createDirectories(dir.resolve("nodes/extra"));
        Files.writeString(dir.resolve("nodes/extra/zk1.jfr"), "x");
        Path nested = SyntheticRun.of(50, 4).writeTo(dir.resolve("3.8.4")); // a version sweep's run inside a run

        JsonNode files = PageData.of(RunReport.render(dir)).get("files");

        Map<String, Long> sizes = new LinkedHashMap<>();
        files.forEach(f -> sizes.put(f.get("path").asText(), f.get("bytes").asLong()));
        assertThat(sizes).containsKeys("history.jsonl", "history.jsonl", "faults.jsonl", "checks.json", "run.json",
                "latency.hlog", "cluster.jsonl", "servers.json", "nodes/zk1.log", "nodes/zk2.log",
                "nodes/zk3-data.tar.gz", "nodes/extra/zk1.jfr");
        assertThat(sizes.get("future-evidence.bin")).isEqualTo(5);
        assertThat(sizes.get("nodes/zk3-data.tar.gz")).isEqualTo(4500);
        assertThat(sizes).doesNotContainKey("index.html");
        assertThat(sizes.keySet()).noneMatch(p -> p.startsWith("3.8.4/"));
        List<String> order = new ArrayList<>(sizes.keySet());
        assertThat(order.indexOf("run.json")).isLessThan(order.indexOf("nodes/zk1.log"));
        assertThat(nested.resolve("run.json")).exists();
    }

    @Test
    void serversJsonAndTheServersOfAnAnomalyReachThePage() throws IOException {
        Path dir = SyntheticRun.of(500, 5).withInvalidCheck().writeTo(tmp.resolve("run"));
        ObjectMapper json = new ObjectMapper();
        JsonNode checks = json.readTree(dir.resolve("checks.json").toFile());
        ((ObjectNode) checks.get(0).get("anomalies").get(0)).set("servers",
                json.readTree("[{\"node\":\"zk5\",\"role\":\"leader\",\"epoch\":1}]"));
        json.writeValue(dir.resolve("checks.json").toFile(), checks);

        JsonNode d = PageData.of(RunReport.render(dir));

        assertThat(d.get("checks").get(0).get("anomalies").get(0).get("servers").get(0).get("role").asText())
                .isEqualTo("leader");
        assertThat(d.get("servers")).hasSize(3);
        assertThat(d.get("servers").get(0).get("dataTruncated").asBoolean()).isTrue();
        assertThat(d.get("missing")).isEmpty();
    }
}
