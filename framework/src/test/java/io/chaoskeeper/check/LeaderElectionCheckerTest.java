package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaderElectionCheckerTest {

    private static Map<String, Object> p(String id) {
        return Map.of("participant", id);
    }

    /** a leads 0–100 ms, b from 60 ms to the end (120 ms), c 110–120 ms: overlaps of 40 and 10 ms. */
    private static History overlapping() {
        return history()
                .invoke(1, "lead", p("a"), 0)
                .invoke(2, "lead", p("b"), 60)
                .ok(1, "lead", p("a"), 100)
                .invoke(3, "lead", p("c"), 110).info(3, "lead", 120)
                .build();
    }

    @Test
    void successiveLeadershipsAreValid() {
        History h = history()
                .invoke(1, "lead", p("a"), 0).ok(1, "lead", p("a"), 50)
                .invoke(2, "lead", p("b"), 50).ok(2, "lead", p("b"), 90)
                .build();

        CheckResult r = LeaderElectionChecker.create().check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("leaderships", 2).containsEntry("overlaps", 0);
    }

    @Test
    void anOverlapIsReportedWithParticipantsAndDuration() {
        CheckResult r = LeaderElectionChecker.create().check(overlapping());

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).hasSize(2);
        Anomaly first = r.anomalies().get(0);
        assertThat(first.kind()).isEqualTo("leadership-overlap");
        assertThat(first.message()).isEqualTo("participants a and b both believed they led from 0.060s to 0.100s "
                + "(0.040s, more than the allowed 0.000s)");
        assertThat(first.data()).containsEntry("clients", List.of("a", "b")).containsEntry("durationMs", 40.0);
        assertThat(r.stats()).containsEntry("overlapMaxMs", 40.0);
    }

    @Test
    void overlapsWithinTheAllowanceAreCountedButValid() {
        CheckResult r = LeaderElectionChecker.create().allowOverlapsUpTo(Duration.ofMillis(40)).check(overlapping());

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("overlaps", 2).containsEntry("toleratedOverlaps", 2)
                .containsEntry("overlapTotalMs", 50.0);
    }

    @Test
    void anOverlapLongerThanTheAllowanceIsInvalid() {
        CheckResult r = LeaderElectionChecker.create().allowOverlapsUpTo(Duration.ofMillis(39)).check(overlapping());

        assertThat(r.anomalies()).extracting(Anomaly::message).singleElement().asString()
                .startsWith("participants a and b");
    }

    @Test
    void aFailedLeadNeverLed() {
        History h = history()
                .invoke(1, "lead", p("a"), 0).invoke(2, "lead", p("b"), 10).fail(2, "lead", "closed", 20)
                .ok(1, "lead", p("a"), 30)
                .build();

        assertThat(LeaderElectionChecker.create().check(h).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theSameParticipantUnderANewProcessDoesNotOverlapItself() {
        History h = history()
                .invoke(1, "lead", p("a"), 0).invoke(2, "lead", p("a"), 10).info(1, "lead", 20).ok(2, "lead", null, 30)
                .build();

        assertThat(LeaderElectionChecker.create().check(h).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aHistoryWithoutLeadershipsIsUnknownAndANegativeAllowanceIsRefused() {
        CheckResult r = LeaderElectionChecker.create().check(history().invoke(1, "read", null, 0).build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThatThrownBy(() -> LeaderElectionChecker.create().allowOverlapsUpTo(Duration.ofMillis(-1)))
                .hasMessageContaining("cannot be negative");
    }
}
