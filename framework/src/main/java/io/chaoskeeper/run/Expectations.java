package io.chaoskeeper.run;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run is declared to find, written to {@code run.json} so that the run index can tell a run that found what
 * it expected from an unexpected failure without re-running the test's judgement.
 *
 * @param expectedAnomalies  anomaly kinds the run must find
 * @param toleratedAnomalies anomaly kinds it may find without failing
 * @param reportOnlyCheckers checkers whose verdicts are only reported, never fail the run
 * @param finding            a {@code docs/findings/<name>.md} page that explains the expected anomalies, or null
 */
public record Expectations(List<String> expectedAnomalies, List<String> toleratedAnomalies,
                           List<String> reportOnlyCheckers, String finding) {

    /** Nothing expected, tolerated or report-only, no finding. */
    public static final Expectations NONE = new Expectations(List.of(), List.of(), List.of(), null);

    public Expectations {
        expectedAnomalies = List.copyOf(expectedAnomalies);
        toleratedAnomalies = List.copyOf(toleratedAnomalies);
        reportOnlyCheckers = List.copyOf(reportOnlyCheckers);
        finding = finding == null || finding.isBlank() ? null : finding;
    }

    /** Expectations from any collections (e.g. the sets a test collected); {@code finding} may be null. */
    public static Expectations of(Collection<String> expected, Collection<String> tolerated,
                                  Collection<String> reportOnly, String finding) {
        return new Expectations(List.copyOf(Objects.requireNonNull(expected, "expected")),
                List.copyOf(Objects.requireNonNull(tolerated, "tolerated")),
                List.copyOf(Objects.requireNonNull(reportOnly, "reportOnly")), finding);
    }

    /** The {@code run.json} entries: the three lists always (empty when none), {@code finding} when set. */
    Map<String, Object> toRunJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("expectedAnomalies", expectedAnomalies);
        json.put("toleratedAnomalies", toleratedAnomalies);
        json.put("reportOnlyCheckers", reportOnlyCheckers);
        if (finding != null) {
            json.put("finding", finding);
        }
        return json;
    }
}
