package io.chaoskeeper.report.internal;

import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.Operation;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report page shows, as JSON-like maps: the page is a pure view of this model, which keeps
 * escaping in one place (the page only ever sets text, never HTML).
 */
public final class ReportModel {

    private ReportModel() {
    }

    /** The model of a run directory's report; {@code title} names the run. */
    public static Map<String, Object> of(RunFiles run, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("run", run.run());
        List<Object> rawChecks = run.rawChecks();
        m.put("checks", rawChecks != null ? rawChecks : run.checks().stream().map(CheckResultJson::toMap).toList());
        m.put("outcome", RunOutcome.of(run));
        m.put("findingHref", FindingLink.href(run.dir(), run.run().get("finding")));
        m.put("files", run.rawFiles());
        m.put("missing", run.missing());
        m.put("servers", run.servers());
        m.put("cluster", ServerLanes.read(run.dir().resolve(RunFiles.CLUSTER), run::note));
        History history = run.history();
        List<Call> calls = calls(run, history);
        if (history != null && calls != null) {
            long end = Timeline.endOf(history);
            List<Operation> faults = history.faultEvents();
            if (faults.isEmpty()) {
                faults = run.faultFile().operations();
            }
            m.put("counts", counts(calls));
            m.put("timeline", Timeline.of(calls, faults, end));
            m.put("latency", latency(run, calls));
            m.put("throughput", Latencies.throughput(calls, end));
        }
        m.put("notes", run.notes());
        return m;
    }

    private static List<Call> calls(RunFiles run, History history) {
        if (history == null) {
            return null;
        }
        try {
            return history.calls();
        } catch (HistoryFormatException e) {
            run.note(RunFiles.HISTORY + " is not a well-formed history, so no timeline is drawn: " + e.getMessage());
            return null;
        }
    }

    private static Map<String, Object> latency(RunFiles run, List<Call> calls) {
        if (run.latencyLog() != null) {
            try {
                Map<String, Object> fromLog = Latencies.fromLog(run.latencyLog(),
                        Latencies.epochMillis(run.run().get("startedAt")));
                if (fromLog != null) {
                    return fromLog;
                }
                run.note(RunFiles.LATENCY + " holds no histograms; latencies are computed from the history");
            } catch (FileNotFoundException | RuntimeException e) {
                run.note(RunFiles.LATENCY + " could not be read (" + e.getMessage()
                        + "); latencies are computed from the history");
            }
        }
        return Latencies.fromCalls(calls);
    }

    /** Calls by f, then outcome. */
    private static List<Map<String, Object>> counts(List<Call> calls) {
        Map<String, long[]> byF = new TreeMap<>();
        for (Call c : calls) {
            long[] n = byF.computeIfAbsent(c.invoke().f(), k -> new long[3]);
            n[c.outcome() == Operation.Type.OK ? 0 : c.outcome() == Operation.Type.FAIL ? 1 : 2]++;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byF.forEach((f, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("f", f);
            row.put("ok", n[0]);
            row.put("fail", n[1]);
            row.put("info", n[2]);
            rows.add(row);
        });
        return rows;
    }
}
