package io.chaoskeeper.check;

import java.util.List;
import java.util.Map;

/**
 * One violation a checker found, in a form both a person and the report can follow.
 *
 * @param kind       a short stable name, e.g. {@code not-linearizable}, {@code lock-not-exclusive},
 *                   {@code zxid-went-backwards}
 * @param message    one sentence that explains it, e.g. "read 3, but the register can only hold 0 or 4"
 * @param operations history indexes of the events involved (the report highlights them), most important first
 * @param data       structured detail for reports (JSON-like values), e.g. {@code prefix}, {@code failing},
 *                   {@code concurrent}, {@code states} for linearizability
 */
public record Anomaly(String kind, String message, List<Long> operations, Map<String, Object> data) {

    public Anomaly {
        operations = List.copyOf(operations);
        data = data == null ? Map.of() : data;
    }
}
