package io.chaoskeeper.run;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a run is declared to find, written to {@code run.json} so that the run index can tell a run that found what
 * it expected from an unexpected failure without re-running the test's judgement.
 *
 * @param expectedAnomalies  anomaly kinds the run must find
 * @param toleratedAnomalies anomaly kinds it may find without failing
 * @param reportOnlyCheckers checkers whose verdicts are only reported, never fail the run
 * @param finding            a {@code docs/findings/<name>.md} page that explains the expected anomalies, or null
 * @param toleratedWhen      by witness kind, the anomaly kinds it may find in a run where that witness was found too
 *                           (the witness itself is then tolerated as well)
 */
public record Expectations(List<String> expectedAnomalies, List<String> toleratedAnomalies,
                           List<String> reportOnlyCheckers, String finding, Map<String, List<String>> toleratedWhen) {

    /** Nothing expected, tolerated or report-only, no finding. */
    public static final Expectations NONE = new Expectations(List.of(), List.of(), List.of(), null, Map.of());

    public Expectations {
        expectedAnomalies = List.copyOf(expectedAnomalies);
        toleratedAnomalies = List.copyOf(toleratedAnomalies);
        reportOnlyCheckers = List.copyOf(reportOnlyCheckers);
        finding = finding == null || finding.isBlank() ? null : finding;
        Map<String, List<String>> rules = new LinkedHashMap<>();
        toleratedWhen.forEach((witness, kinds) -> rules.put(witness, List.copyOf(kinds)));
        toleratedWhen = java.util.Collections.unmodifiableMap(rules);
    }

    /** Expectations from any collections (e.g. the sets a test collected); {@code finding} may be null. */
    public static Expectations of(Collection<String> expected, Collection<String> tolerated,
                                  Collection<String> reportOnly, String finding) {
        return new Expectations(List.copyOf(Objects.requireNonNull(expected, "expected")),
                List.copyOf(Objects.requireNonNull(tolerated, "tolerated")),
                List.copyOf(Objects.requireNonNull(reportOnly, "reportOnly")), finding, Map.of());
    }

    /** These, with these witness rules ({@link #toleratedWhen}) instead of their own. */
    public Expectations withToleratedWhen(Map<String, ? extends Collection<String>> rules) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        rules.forEach((witness, kinds) -> copy.put(witness, List.copyOf(kinds)));
        return new Expectations(expectedAnomalies, toleratedAnomalies, reportOnlyCheckers, finding, copy);
    }

    /**
     * The kinds a run may find without failing, given every kind its checks found: the tolerated ones, and each
     * witness found with the kinds it explains.
     */
    public Set<String> toleratedGiven(Collection<String> foundKinds) {
        Set<String> kinds = new LinkedHashSet<>(toleratedAnomalies);
        toleratedWhen.forEach((witness, explained) -> {
            if (foundKinds.contains(witness)) {
                kinds.add(witness);
                kinds.addAll(explained);
            }
        });
        return kinds;
    }

    /** What a {@code run.json} declares; a field it lacks (a run written before the field existed) is empty. */
    public static Expectations fromRunJson(Map<String, ?> runJson) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        if (runJson.get("toleratedWhenWitnessed") instanceof Map<?, ?> map) {
            map.forEach((witness, kinds) -> rules.put(String.valueOf(witness), strings(kinds)));
        }
        Object finding = runJson.get("finding");
        return new Expectations(strings(runJson.get("expectedAnomalies")), strings(runJson.get("toleratedAnomalies")),
                strings(runJson.get("reportOnlyCheckers")), finding == null ? null : finding.toString(), rules);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** The {@code run.json} entries: the three lists always (empty when none), the others when set. */
    Map<String, Object> toRunJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("expectedAnomalies", expectedAnomalies);
        json.put("toleratedAnomalies", toleratedAnomalies);
        json.put("reportOnlyCheckers", reportOnlyCheckers);
        if (!toleratedWhen.isEmpty()) {
            json.put("toleratedWhenWitnessed", toleratedWhen);
        }
        if (finding != null) {
            json.put("finding", finding);
        }
        return json;
    }
}
