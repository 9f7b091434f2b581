package io.chaoskeeper.check.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Collects the anomalies and figures of one check and turns them into a {@link CheckResult}. Keeps at most
 * {@link #MAX_PER_KIND} anomalies of each kind (a broken run can produce thousands) and counts all of them in the
 * stats, so nothing found is lost from the totals.
 */
public final class Results {

    /** Anomalies kept per kind; the rest are only counted in {@code anomalyCounts}. */
    public static final int MAX_PER_KIND = 50;

    private final String checker;
    private final History history;
    private final long started = System.nanoTime();
    private final List<Anomaly> anomalies = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, Object> stats = new LinkedHashMap<>();
    private long operations;

    private Results(String checker, History history) {
        this.checker = checker;
        this.history = history;
    }

    /**
     * Runs a check body and never throws: a malformed history (or a bug) becomes an UNKNOWN result with the reason.
     */
    public static CheckResult guard(String checker, History history, Function<Results, CheckResult> body) {
        Results results = new Results(checker, history);
        results.operations = history.clientOperations().stream().filter(op -> op.isInvoke()).count();
        try {
            return body.apply(results);
        } catch (RuntimeException e) {
            return results.unknown("the history could not be checked: " + e.getMessage());
        }
    }

    /** Records a violation. */
    public void add(String kind, String message, List<Long> operations, Map<String, Object> data) {
        int seen = counts.merge(kind, 1, Integer::sum);
        if (seen <= MAX_PER_KIND) {
            anomalies.add(new Anomaly(kind, message, operations, data));
        }
    }

    /** Records a figure for {@code stats}; a null value (not known) is left out. */
    public Results stat(String name, Object value) {
        if (value != null) {
            stats.put(name, value);
        }
        return this;
    }

    /** True when a violation was recorded. */
    public boolean hasAnomalies() {
        return !anomalies.isEmpty();
    }

    /** INVALID if anything was recorded, else VALID with this summary. */
    public CheckResult finish(String validSummary) {
        return finish(validSummary, null);
    }

    /**
     * INVALID if anything was recorded; else UNKNOWN when {@code unknownReason} is non-null; else VALID.
     */
    public CheckResult finish(String validSummary, String unknownReason) {
        if (anomalies.isEmpty()) {
            return unknownReason != null ? unknown(unknownReason) : result(Verdict.VALID, validSummary);
        }
        StringBuilder summary = new StringBuilder();
        counts.forEach((kind, n) -> summary.append(summary.isEmpty() ? "" : ", ").append(n).append(' ').append(kind));
        return result(Verdict.INVALID, summary + ": " + anomalies.get(0).message());
    }

    /** An UNKNOWN result with the reason as summary. */
    public CheckResult unknown(String reason) {
        return result(Verdict.UNKNOWN, reason);
    }

    private CheckResult result(Verdict verdict, String summary) {
        if (!counts.isEmpty()) {
            stats.put("anomalyCounts", new LinkedHashMap<>(counts));
        }
        return new CheckResult(checker, verdict, summary, underFaults(anomalies), operations,
                Duration.ofNanos(System.nanoTime() - started), new LinkedHashMap<>(stats));
    }

    /** The time of the last event of a history (ns), or 0 for an empty one: where open intervals end. */
    public static long endOf(History history) {
        return history.size() == 0 ? 0 : history.operations().get(history.size() - 1).time();
    }

    /**
     * The anomalies with {@code data.faults}: the faults active between the first and last of its events, so a
     * report can tell "during a partition of zk1" without every checker knowing about faults.
     */
    private List<Anomaly> underFaults(List<Anomaly> found) {
        FaultWindows faults = found.isEmpty() ? null : FaultWindows.of(history);
        if (faults == null || faults.isEmpty()) {
            return found;
        }
        Map<Long, Long> times = new java.util.HashMap<>();
        history.operations().forEach(op -> times.put(op.index(), op.time()));
        List<Anomaly> annotated = new ArrayList<>();
        for (Anomaly a : found) {
            long from = a.operations().stream().mapToLong(i -> times.getOrDefault(i, 0L)).min().orElse(0);
            long to = a.operations().stream().mapToLong(i -> times.getOrDefault(i, 0L)).max().orElse(0);
            Map<String, Object> data = new LinkedHashMap<>(a.data());
            data.put("faults", faults.during(from, to));
            annotated.add(new Anomaly(a.kind(), a.message(), a.operations(), data));
        }
        return annotated;
    }

    /** A history time (ns since the run started) for messages, e.g. {@code 12.345s}. */
    public static String at(long nanos) {
        return nanos == Long.MAX_VALUE ? "the end" : String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** A duration in ns for messages, e.g. {@code 1.250s}. */
    public static String lasting(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** Up to {@code max} items joined by ", ", with "…" when there are more. */
    public static String some(List<?> items, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < items.size() && i < max; i++) {
            s.append(i == 0 ? "" : ", ").append(items.get(i));
        }
        return items.size() > max ? s + ", … (" + items.size() + " in all)" : s.toString();
    }

    /** A small ordered map for anomaly data, from key-value pairs; null values are left out. */
    public static Map<String, Object> data(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    /** A list that shows a missing item as "?" (for tokens or values a workload did not record). */
    public static List<Object> listOf(Object... items) {
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            list.add(item == null ? "?" : item);
        }
        return list;
    }
}
