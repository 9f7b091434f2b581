package io.chaoskeeper.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one checker on one history.
 *
 * @param checker   the checker's name, e.g. {@code linearizability(cas-register)}
 * @param verdict   valid, invalid or unknown
 * @param summary   one line for people: for invalid the counterexample in short, for unknown the reason
 * @param anomalies what was violated; non-empty exactly when the verdict is invalid
 * @param operations the number of client operations checked
 * @param elapsed   how long the check took
 * @param stats     further figures (JSON-like values), e.g. staleness percentiles, states explored
 */
public record CheckResult(String checker, Verdict verdict, String summary, List<Anomaly> anomalies, long operations,
                          Duration elapsed, Map<String, Object> stats) {

    public CheckResult {
        anomalies = List.copyOf(anomalies);
        stats = stats == null ? Map.of() : stats;
        if ((verdict == Verdict.INVALID) != !anomalies.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs anomalies, and only an invalid one has them");
        }
    }

    /** True when the verdict is valid. */
    public boolean isValid() {
        return verdict == Verdict.VALID;
    }
}
