package io.chaoskeeper.run;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.history.History;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param history         every client operation and fault event
 * @param outputDirectory holds {@code history.jsonl}, {@code history.edn}, {@code faults.jsonl},
 *                        {@code latency.hlog}, {@code nodes/}, {@code run.json} and, with checkers, {@code checks.json}
 * @param counts          completions by {@code f} then outcome ({@code ok}, {@code fail}, {@code info})
 * @param checks          the results of the run's checkers, in their order
 */
public record RunResult(History history, Path outputDirectory, Map<String, Map<String, Long>> counts,
                        List<CheckResult> checks) {

    /** Completions with this outcome ({@code ok}, {@code fail}, {@code info}) over every {@code f}. */
    public long count(String outcome) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }
}
