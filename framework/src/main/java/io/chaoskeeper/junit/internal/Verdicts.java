package io.chaoskeeper.junit.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns check results into a test outcome. A run fails when a checker found an anomaly that was not expected or
 * could not decide, or when an expected anomaly was not found; checkers marked report-only never fail it, nor do
 * anomalies declared tolerated (side effects of an expected one, e.g. lost updates behind two lock holders).
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * The reasons the run fails, one line each, or empty when it passes.
     *
     * @param checks     the results of every checker of the run
     * @param reportOnly names of checkers whose verdict is only reported
     * @param expected   anomaly kinds that must be found
     * @param tolerated  anomaly kinds that may be found
     */
    public static List<String> failures(List<CheckResult> checks, Set<String> reportOnly, Collection<String> expected,
                                        Collection<String> tolerated) {
        List<String> failures = new ArrayList<>();
        for (CheckResult check : checks) {
            if (reportOnly.contains(check.checker())) {
                continue;
            }
            if (check.verdict() == Verdict.UNKNOWN) {
                failures.add("checker " + check.checker() + " could not decide: " + check.summary());
            }
            check.anomalies().stream().filter(a -> !expected.contains(a.kind()) && !tolerated.contains(a.kind())).findFirst().ifPresent(a ->
                    failures.add("checker " + check.checker() + " found " + a.kind() + ": " + a.message()
                            + count(check, a)));
        }
        for (String kind : expected) {
            if (find(checks, kind).isEmpty()) {
                failures.add("expected anomaly " + kind + " was not found: the run stayed clean of it ("
                        + summaries(checks) + ")");
            }
        }
        return failures;
    }

    /** The first anomaly of this kind in any result. */
    public static Optional<Anomaly> find(List<CheckResult> checks, String kind) {
        return checks.stream().flatMap(c -> c.anomalies().stream()).filter(a -> a.kind().equals(kind)).findFirst();
    }

    private static String count(CheckResult check, Anomaly first) {
        long more = check.anomalies().stream().filter(a -> a != first).count();
        return more == 0 ? "" : " (and " + more + " more)";
    }

    private static String summaries(List<CheckResult> checks) {
        if (checks.isEmpty()) {
            return "no checker ran";
        }
        return String.join("; ", checks.stream().map(c -> c.checker() + " " + c.verdict().name().toLowerCase()
                + ": " + c.summary()).toList());
    }
}
