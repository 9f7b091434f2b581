package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static CheckResult valid(String checker) {
        return new CheckResult(checker, Verdict.VALID, "ok", List.of(), 10, Duration.ZERO, Map.of());
    }

    private static CheckResult invalid(String checker, String... kinds) {
        List<Anomaly> anomalies = java.util.Arrays.stream(kinds)
                .map(k -> new Anomaly(k, "read 3 but only 0 or 4 were possible", List.of(1L), Map.of())).toList();
        return new CheckResult(checker, Verdict.INVALID, kinds[0], anomalies, 10, Duration.ZERO, Map.of());
    }

    private static CheckResult unknown(String checker) {
        return new CheckResult(checker, Verdict.UNKNOWN, "time limit reached", List.of(), 10, Duration.ZERO, Map.of());
    }

    private static List<String> failures(List<CheckResult> checks, Set<String> reportOnly, List<String> expected) {
        return Verdicts.failures(checks, reportOnly, expected, List.of());
    }

    @Test
    void toleratedAnomaliesDoNotFailButStillCountAsFound() {
        List<CheckResult> checks = List.of(invalid("lock", "lock-not-exclusive", "lost-update"));

        assertThat(Verdicts.failures(checks, Set.of(), List.of("lock-not-exclusive"), List.of("lost-update")))
                .isEmpty();
        assertThat(Verdicts.failures(checks, Set.of(), List.of(), List.of("lost-update")))
                .singleElement().asString().startsWith("checker lock found lock-not-exclusive");
    }

    @Test
    void allValidPasses() {
        assertThat(failures(List.of(valid("a"), valid("b")), Set.of(), List.of())).isEmpty();
    }

    @Test
    void anUnexpectedAnomalyFailsNamingCheckerKindAndCounterexample() {
        List<String> failures = failures(List.of(valid("a"), invalid("linearizability", "not-linearizable",
                "not-linearizable")), Set.of(), List.of());

        assertThat(failures).containsExactly("checker linearizability found not-linearizable: "
                + "read 3 but only 0 or 4 were possible (and 1 more)");
    }

    @Test
    void anExpectedAnomalyPassesButAnotherKindStillFails() {
        assertThat(failures(List.of(invalid("lock", "lock-not-exclusive")), Set.of(),
                List.of("lock-not-exclusive"))).isEmpty();
        assertThat(failures(List.of(invalid("lock", "lock-not-exclusive", "lost-update")), Set.of(),
                List.of("lock-not-exclusive"))).singleElement().asString().contains("found lost-update");
    }

    @Test
    void aMissingExpectedAnomalyFailsSayingTheRunStayedClean() {
        assertThat(failures(List.of(valid("linearizability")), Set.of(), List.of("not-linearizable")))
                .containsExactly("expected anomaly not-linearizable was not found: the run stayed clean of it "
                        + "(linearizability valid: ok)");
    }

    @Test
    void undecidedFailsUnlessReportOnly() {
        assertThat(failures(List.of(unknown("lin")), Set.of(), List.of()))
                .containsExactly("checker lin could not decide: time limit reached");
        assertThat(failures(List.of(unknown("lin"), invalid("sync", "not-linearizable")),
                Set.of("lin", "sync"), List.of())).isEmpty();
    }

    @Test
    void anExpectedAnomalyFoundByAReportOnlyCheckerCounts() {
        assertThat(failures(List.of(invalid("lin", "not-linearizable")), Set.of("lin"),
                List.of("not-linearizable"))).isEmpty();
    }
}
