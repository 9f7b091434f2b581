package io.chaoskeeper.report.internal;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One row of the run index: the run's name, verdicts, outcome against its expectations and facts. */
public final class IndexRow {

    private IndexRow() {
    }

    /** The row of a run directory; {@code name} is its path below the index and {@code href} its report. */
    public static Map<String, Object> of(RunFiles run, java.nio.file.Path root, String name, String href,
                                         Long historyDurationMs) {
        Map<String, Object> info = run.run();
        Map<String, Object> row = new LinkedHashMap<>();
        Object runName = info.get("name");
        row.put("name", runName == null ? name : String.valueOf(runName));
        row.put("path", name);
        row.put("href", href);
        row.put("startedAt", info.get("startedAt"));
        Object duration = info.get("durationMs");
        row.put("durationMs", duration instanceof Number ? duration : historyDurationMs);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        Verdict overall = Verdict.VALID;
        for (CheckResult r : run.checks()) {
            verdicts.add(Map.of("checker", r.checker(), "verdict", r.verdict().wireName()));
            overall = overall.and(r.verdict());
        }
        row.put("verdict", run.checks().isEmpty() ? "unchecked" : overall.name().toLowerCase(Locale.ROOT));
        row.put("verdicts", verdicts);
        row.putAll(RunOutcome.of(run));
        row.put("zookeeperVersion", info.get("zookeeperVersion") == null ? null
                : String.valueOf(info.get("zookeeperVersion")));
        row.put("backend", info.get("backend"));
        row.put("finding", info.get("finding"));
        row.put("findingHref", FindingLink.href(root, info.get("finding")));
        return row;
    }

    /** How many rows each outcome has, in the order the index header names them. */
    public static Map<String, Long> counts(List<Map<String, Object>> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String outcome : List.of(RunOutcome.PASSED, RunOutcome.FOUND_AS_EXPECTED,
                RunOutcome.EXPECTED_BUT_MISSING, RunOutcome.UNEXPECTED_FAILURE, RunOutcome.UNCHECKED)) {
            counts.put(outcome, rows.stream().filter(r -> outcome.equals(r.get("outcome"))).count());
        }
        return counts;
    }

    /** The versions-side-by-side table over the rows, or null when no test ran under two versions. */
    public static Map<String, Object> versions(List<Map<String, Object>> rows) {
        return VersionGrid.of(rows);
    }
}
