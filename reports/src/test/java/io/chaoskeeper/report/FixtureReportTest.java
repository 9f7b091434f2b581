package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports of the shared invalid fixtures, checked by the real checker, name the operation it could not place. */
class FixtureReportTest {

    @TempDir
    Path tmp;

    @Test
    void knossosRethinkFailSmallerPointsAtTheReadOfThreeByProcess12() throws IOException {
        CheckedFixture fixture = CheckedFixture.of("knossos/cas-register/bad/rethink-fail-smaller.edn",
                HistoryFormat.KNOSSOS_EDN, "cas-register");
        assertThat(fixture.result().verdict()).isEqualTo(Verdict.INVALID);

        JsonNode d = PageData.of(ReportWriter.forHistory(fixture.history(), List.of(fixture.result()))
                .writeTo(tmp.resolve("rethink")));

        assertThat(d.get("checks").get(0).get("anomalies").get(0).get("data").get("failing").asLong())
                .isEqualTo(fixture.failing());
        JsonNode t = d.get("timeline");
        int row = rowOf(t, fixture.failing());
        // Knossos names this call by its completion (:index 217); the checker may name its invocation (215)
        assertThat(t.get("invoke").get(row).asLong()).isEqualTo(215);
        assertThat(t.get("completion").get(row).asLong()).isEqualTo(217);
        assertThat(t.get("process").get(row).asLong()).isEqualTo(12);
        assertThat(t.get("strings").get(t.get("f").get(row).asInt()).asText()).isEqualTo("read");
        assertThat(t.get("value").get(row).asText()).isEqualTo("null → 3");
        assertThat(t.get("outcome").get(row).asInt()).isZero(); // ok
        assertThat(t.get("stop").get(row).asLong()).isEqualTo(106_334_571L); // Knossos' :time 106334571856 ns
    }

    @Test
    void porcupineKvC10BadRendersEveryKeyAndTheCheckersFailingOperation() throws IOException {
        CheckedFixture fixture = CheckedFixture.of("porcupine/kv/c10-bad.txt", HistoryFormat.PORCUPINE_KV, "kv");
        assertThat(fixture.result().verdict()).isEqualTo(Verdict.INVALID);

        JsonNode d = PageData.of(ReportWriter.forHistory(fixture.history(), List.of(fixture.result()))
                .writeTo(tmp.resolve("c10")));

        JsonNode t = d.get("timeline");
        assertThat(t.get("start")).hasSize(fixture.history().calls().size());
        assertThat(t.get("lanes").size()).isEqualTo(10);
        assertThat(t.get("strings").toString()).contains("\"append\"", "\"get\"", "\"put\"");
        int row = rowOf(t, fixture.failing());
        String failingF = fixture.history().operations().stream().filter(op -> op.index() == fixture.failing())
                .findFirst().orElseThrow().f();
        assertThat(t.get("strings").get(t.get("f").get(row).asInt()).asText()).isEqualTo(failingF);
        assertThat(t.get("strings").get(t.get("key").get(row).asInt()).asText())
                .isEqualTo(fixture.result().anomalies().get(0).data().get("key"));
        assertThat(d.get("checks").get(0).get("anomalies").get(0).get("message").asText())
                .contains("(event " + fixture.failing() + ") cannot be linearized");
    }

    /** The timeline row of the call that invokes or completes at {@code event}, as the page's rowOfEvent finds it. */
    private static int rowOf(JsonNode timeline, long event) {
        for (int i = 0; i < timeline.get("invoke").size(); i++) {
            if (timeline.get("invoke").get(i).asLong() == event || timeline.get("completion").get(i).asLong() == event) {
                return i;
            }
        }
        throw new AssertionError("no call invokes or completes at event " + event);
    }
}
