package io.chaoskeeper.report.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.run.Expectations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a run ended against what it declared in {@code run.json} ({@code expectedAnomalies},
 * {@code toleratedAnomalies}, {@code toleratedWhenWitnessed}, {@code reportOnlyCheckers}), judged as the test judged it: an anomaly that was not
 * expected or tolerated, or a checker that could not decide, is an unexpected failure; an expected kind that no
 * checker found is missing. A run written before these fields existed expects nothing.
 */
final class RunOutcome {

    static final String PASSED = "passed";
    static final String FOUND_AS_EXPECTED = "found as expected";
    static final String EXPECTED_BUT_MISSING = "expected but missing";
    static final String UNEXPECTED_FAILURE = "unexpected failure";
    static final String UNCHECKED = "unchecked";

    private RunOutcome() {
    }

    /** {@code {outcome, reasons, found}}: the class, why in words, and the expected kinds found. */
    static Map<String, Object> of(RunFiles run) {
        Map<String, Object> info = run.run();
        Expectations declared = Expectations.fromRunJson(info);
        Set<String> expected = new LinkedHashSet<>(declared.expectedAnomalies());
        Set<String> reportOnly = new LinkedHashSet<>(declared.reportOnlyCheckers());
        List<String> unexpected = new ArrayList<>();
        if (info.get("error") != null) {
            unexpected.add("the run failed: " + info.get("error"));
        }
        Set<String> foundKinds = new LinkedHashSet<>();
        run.checks().forEach(check -> check.anomalies().forEach(a -> foundKinds.add(a.kind())));
        Set<String> tolerated = declared.toleratedGiven(foundKinds);
        for (CheckResult check : run.checks()) {
            if (!reportOnly.contains(check.checker())) {
                unexpected.addAll(unexpectedIn(check, expected, tolerated));
            }
        }
        List<String> missing = expected.stream().filter(k -> !foundKinds.contains(k)).toList();
        List<String> found = expected.stream().filter(foundKinds::contains).toList();
        String outcome = !unexpected.isEmpty() ? UNEXPECTED_FAILURE
                : run.checks().isEmpty() ? UNCHECKED
                : !missing.isEmpty() ? EXPECTED_BUT_MISSING
                : !expected.isEmpty() ? FOUND_AS_EXPECTED : PASSED;
        List<String> reasons = new ArrayList<>(unexpected);
        missing.forEach(k -> reasons.add("expected " + k + " was not found"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", outcome);
        result.put("reasons", reasons);
        result.put("found", found);
        return result;
    }

    private static List<String> unexpectedIn(CheckResult check, Set<String> expected, Set<String> tolerated) {
        List<String> reasons = new ArrayList<>();
        if (check.verdict() == Verdict.UNKNOWN) {
            reasons.add(check.checker() + " could not decide: " + check.summary());
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (Anomaly a : check.anomalies()) {
            if (!expected.contains(a.kind()) && !tolerated.contains(a.kind())) {
                kinds.add(a.kind());
            }
        }
        kinds.forEach(k -> reasons.add(check.checker() + " found " + k));
        if (check.verdict() == Verdict.INVALID && check.anomalies().isEmpty()) {
            reasons.add(check.checker() + " is invalid: " + check.summary());
        }
        return reasons;
    }
}
