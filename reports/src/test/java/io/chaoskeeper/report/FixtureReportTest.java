package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reports of the shared invalid fixtures name the operation the checker could not place. */
class FixtureReportTest {

    @TempDir
    Path tmp;

    @Test
    void knossosRethinkFailSmallerPointsAtTheReadOfThreeByProcess12() throws IOException {
        History history = EdnFixture.read(fixture("knossos/cas-register/bad/rethink-fail-smaller.edn"));

        JsonNode d = PageData.of(ReportWriter.forHistory(history, List.of(FixtureResults.knossosRethink(history)))
                .writeTo(tmp.resolve("rethink")));

        JsonNode t = d.get("timeline");
        int row = rowOfCompletion(t, 217);
        assertThat(t.get("process").get(row).asLong()).isEqualTo(12);
        assertThat(t.get("strings").get(t.get("f").get(row).asInt()).asText()).isEqualTo("read");
        assertThat(t.get("value").get(row).asText()).isEqualTo("null → 3");
        assertThat(t.get("outcome").get(row).asInt()).isZero(); // ok
        assertThat(t.get("stop").get(row).asLong()).isEqualTo(106_334_571L); // Knossos' :time 106334571856 ns
        assertThat(d.get("checks").get(0).get("anomalies").get(0).get("data").get("failing").asLong()).isEqualTo(217);
    }

    @Test
    void porcupineKvC10BadRendersEveryKeyAndTheAnomalysOperation() throws IOException {
        History history = EdnFixture.read(fixture("porcupine/kv/c10-bad.txt"));
        Operation lastGet = history.operations().stream()
                .filter(op -> op.type() == Operation.Type.OK && op.f().equals("get")).reduce((a, b) -> b).orElseThrow();
        // which op a checker cannot place needs the checker; until it lands this proves the rendering only
        JsonNode d = PageData.of(ReportWriter.forHistory(history, List.of(FixtureResults.invalid(history,
                lastGet.index(), "get of key " + lastGet.key() + " cannot follow the appends before it")))
                .writeTo(tmp.resolve("c10")));

        JsonNode t = d.get("timeline");
        assertThat(t.get("start")).hasSize(history.calls().size());
        assertThat(t.get("lanes").size()).isEqualTo(10);
        assertThat(t.get("strings").toString()).contains("\"append\"", "\"get\"", "\"put\"");
        int row = rowOfCompletion(t, lastGet.index());
        assertThat(t.get("strings").get(t.get("key").get(row).asInt()).asText()).isEqualTo(lastGet.key());
    }

    private static int rowOfCompletion(JsonNode timeline, long event) {
        JsonNode completions = timeline.get("completion");
        for (int i = 0; i < completions.size(); i++) {
            if (completions.get(i).asLong() == event) {
                return i;
            }
        }
        throw new AssertionError("no call completes at event " + event);
    }

    private static Path fixture(String name) {
        Path file = EdnFixture.ROOT.resolve(name);
        assumeTrue(Files.isRegularFile(file), "the shared fixtures are absent (" + file + "), so this test is skipped");
        return file;
    }
}
