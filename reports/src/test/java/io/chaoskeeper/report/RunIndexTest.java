package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunIndexTest {

    @TempDir
    Path tmp;

    @Test
    void eachRunIsClassifiedAgainstWhatItsRunJsonDeclares() throws IOException {
        Path root = tmp.resolve("runs");
        ToyRun.named("clean", "3.9.4").valid("lin").writeTo(root.resolve("A/clean"));
        ToyRun.named("stale", "3.9.4").found("lin", "not-linearizable")
                .with("expectedAnomalies", List.of("not-linearizable")).writeTo(root.resolve("A/stale"));
        ToyRun.named("lock", "3.9.4").found("lock", "lock-not-exclusive", "lost-update")
                .with("expectedAnomalies", List.of("lock-not-exclusive"))
                .with("toleratedAnomalies", List.of("lost-update")).writeTo(root.resolve("A/lock"));
        ToyRun.named("missing", "3.9.4").valid("lock").with("expectedAnomalies", List.of("lock-not-exclusive"))
                .writeTo(root.resolve("A/missing"));
        ToyRun.named("surprise", "3.9.4").found("lin", "not-linearizable").writeTo(root.resolve("A/surprise"));
        ToyRun.named("undecided", "3.9.4").unknown("guarantees").writeTo(root.resolve("A/undecided"));
        ToyRun.named("reportOnly", "3.9.4").found("sync-lin", "not-linearizable").unknown("other")
                .with("reportOnlyCheckers", List.of("sync-lin", "other")).writeTo(root.resolve("A/reportOnly"));
        ToyRun.named("crashed", "3.9.4").with("error", "run x failed in its setup phase: no answer")
                .writeTo(root.resolve("A/crashed"));
        ToyRun.named("tolerated-but-other", "3.9.4").found("lock", "lost-update", "stale-token-accepted")
                .with("toleratedAnomalies", List.of("lost-update")).writeTo(root.resolve("A/other"));

        Map<String, JsonNode> rows = rows(RunIndex.render(root));

        assertThat(outcome(rows, "clean")).isEqualTo("passed");
        assertThat(outcome(rows, "stale")).isEqualTo("found as expected");
        assertThat(rows.get("stale").get("found").toString()).isEqualTo("[\"not-linearizable\"]");
        assertThat(outcome(rows, "lock")).isEqualTo("found as expected");
        assertThat(outcome(rows, "missing")).isEqualTo("expected but missing");
        assertThat(rows.get("missing").get("reasons").toString()).contains("expected lock-not-exclusive was not found");
        assertThat(outcome(rows, "surprise")).isEqualTo("unexpected failure");
        assertThat(rows.get("surprise").get("reasons").toString()).contains("lin found not-linearizable");
        assertThat(outcome(rows, "undecided")).isEqualTo("unexpected failure");
        assertThat(outcome(rows, "reportOnly")).isEqualTo("passed");
        assertThat(outcome(rows, "crashed")).isEqualTo("unexpected failure");
        assertThat(rows.get("crashed").get("reasons").toString()).contains("the run failed: run x failed");
        assertThat(outcome(rows, "tolerated-but-other")).isEqualTo("unexpected failure");
        assertThat(rows.get("tolerated-but-other").get("reasons").toString())
                .contains("stale-token-accepted").doesNotContain("found lost-update");
        JsonNode counts = PageData.of(root.resolve("index.html")).get("outcomes");
        assertThat(counts.toString()).isEqualTo("{\"passed\":2,\"found as expected\":2,\"expected but missing\":1,"
                + "\"unexpected failure\":4,\"unchecked\":0}");
    }

    @Test
    void anomaliesTheirWitnessExplainsAreToleratedOnlyInARunThatFoundTheWitness() throws IOException {
        Path root = tmp.resolve("runs");
        Map<String, List<String>> rule = Map.of("diff-sync-hole", List.of("set-element-lost", "replicas-disagree"));
        ToyRun.named("witnessed", "3.9.4").found("set", "set-element-lost").found("server-sync", "diff-sync-hole")
                .with("toleratedWhenWitnessed", rule).writeTo(root.resolve("witnessed"));
        ToyRun.named("unwitnessed", "3.9.4").found("set", "set-element-lost").valid("server-sync")
                .with("toleratedWhenWitnessed", rule).writeTo(root.resolve("unwitnessed"));

        Map<String, JsonNode> rows = rows(RunIndex.render(root));

        assertThat(outcome(rows, "witnessed")).isEqualTo("passed");
        assertThat(outcome(rows, "unwitnessed")).isEqualTo("unexpected failure");
        assertThat(rows.get("unwitnessed").get("reasons").toString()).contains("set found set-element-lost");
    }

    @Test
    void aRunWrittenBeforeExpectationsExistedIsJudgedByItsVerdictsAlone() throws IOException {
        Path root = tmp.resolve("runs");
        SyntheticRun.of(200, 1).withInvalidCheck().writeTo(root.resolve("old"));
        Files.writeString(root.resolve("old/run.json"), "{\"name\":\"old\",\"zookeeperVersion\":\"3.9.4\"}");

        assertThat(outcome(rows(RunIndex.render(root)), "old")).isEqualTo("unexpected failure");
    }

    @Test
    void aTestUnderSeveralVersionsGetsOneRowWithAColumnPerVersion() throws IOException {
        Path root = tmp.resolve("runs");
        ToyRun.named("3.9.4", "3.9.4").valid("lin").writeTo(root.resolve("CrossVersionIT/cas/3.9.4"));
        ToyRun.named("3.8.4", "3.8.4").found("lin", "not-linearizable").writeTo(root.resolve("CrossVersionIT/cas/3.8.4"));
        ToyRun.named("3.8.10", "3.8.10").valid("lin").writeTo(root.resolve("CrossVersionIT/cas/3.8.10"));
        ToyRun.named("cas-3.9.4", "3.9.4").valid("lin").writeTo(root.resolve("Sweep/cas-3.9.4"));
        ToyRun.named("cas[3.8.4]", "3.8.4").valid("lin").writeTo(root.resolve("Sweep/cas[3.8.4]"));
        ToyRun.named("single", "3.9.4").valid("lin").writeTo(root.resolve("LockIT/single"));

        JsonNode grid = PageData.of(RunIndex.render(root)).get("versions");

        assertThat(grid.get("versions").toString()).isEqualTo("[\"3.8.4\",\"3.8.10\",\"3.9.4\"]");
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        grid.get("tests").forEach(t -> tests.put(t.get("test").asText(), t.get("cells")));
        assertThat(tests).containsOnlyKeys("CrossVersionIT/cas", "Sweep/cas");
        JsonNode cross = tests.get("CrossVersionIT/cas");
        assertThat(cross.get("3.8.4").get(0).get("outcome").asText()).isEqualTo("unexpected failure");
        assertThat(cross.get("3.8.4").get(0).get("href").asText()).isEqualTo("CrossVersionIT/cas/3.8.4/index.html");
        assertThat(cross.get("3.9.4").get(0).get("outcome").asText()).isEqualTo("passed");
        assertThat(tests.get("Sweep/cas").has("3.8.10")).isFalse();
    }

    @Test
    void withOneVersionPerTestThereIsNoSideBySideTable() throws IOException {
        Path root = tmp.resolve("runs");
        ToyRun.named("a", "3.9.4").valid("lin").writeTo(root.resolve("A/a"));
        ToyRun.named("b", "3.8.4").valid("lin").writeTo(root.resolve("B/b"));

        assertThat(PageData.of(RunIndex.render(root)).get("versions").isNull()).isTrue();
    }

    @Test
    void theFindingIsLinkedRelativelyWhenItIsFoundAboveTheRuns() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("docs/findings"));
        Files.writeString(project.resolve("docs/findings/stale.md"), "# stale\n");
        Path root = project.resolve("scenarios/target/runs");
        ToyRun.named("stale", "3.9.4").found("lin", "not-linearizable")
                .with("expectedAnomalies", List.of("not-linearizable"))
                .with("finding", "docs/findings/stale.md").writeTo(root.resolve("StaleIT/reads"));
        ToyRun.named("elsewhere", "3.9.4").valid("lin").with("finding", "docs/findings/absent.md")
                .writeTo(root.resolve("OtherIT/x"));

        Map<String, JsonNode> rows = rows(RunIndex.render(root));

        assertThat(rows.get("stale").get("findingHref").asText()).isEqualTo("../../../docs/findings/stale.md");
        assertThat(rows.get("elsewhere").get("findingHref").isNull()).isTrue();
        assertThat(PageData.of(root.resolve("StaleIT/reads/index.html")).get("findingHref").asText())
                .isEqualTo("../../../../../docs/findings/stale.md");
    }

    private static Map<String, JsonNode> rows(Path index) throws IOException {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        PageData.of(index).get("runs").forEach(r -> rows.put(r.get("name").asText(), r));
        return rows;
    }

    private static String outcome(Map<String, JsonNode> rows, String name) {
        return rows.get(name).get("outcome").asText();
    }
}
