package io.chaoskeeper.report;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.History;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Check results for the shared invalid fixtures, standing in for our linearizability checker until it lands (then
 * the tests should run the checker instead).
 */
final class FixtureResults {

    private FixtureResults() {
    }

    /**
     * The counterexample Knossos itself reports for {@code knossos/cas-register/bad/rethink-fail-smaller.edn}
     * (knossos test/knossos/linear_test.clj, rethink-fail-smaller-test): the ok read of 3 by process 12 at index 217.
     */
    static CheckResult knossosRethink(History history) {
        return invalid(history, 217, "process 12 read 3, which no write or cas could have set at that point");
    }

    /** An invalid result whose failing operation is the given event, with a one-sentence message. */
    static CheckResult invalid(History history, long failingEvent, String message) {
        return new CheckResult("linearizability", Verdict.INVALID, message,
                List.of(new Anomaly("not-linearizable", message, List.of(failingEvent), Map.of("failing", failingEvent))),
                history.calls().size(), Duration.ZERO, Map.of());
    }
}
