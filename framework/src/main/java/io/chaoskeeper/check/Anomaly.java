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
 * @param servers    the servers involved and their roles at the time (filled in after the checks from the
 *                   cluster timeline), empty when unknown
 */
public record Anomaly(String kind, String message, List<Long> operations, Map<String, Object> data,
                      List<ServerRole> servers) {

    public Anomaly {
        operations = List.copyOf(operations);
        data = data == null ? Map.of() : data;
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** An anomaly whose servers are not known (yet). */
    public Anomaly(String kind, String message, List<Long> operations, Map<String, Object> data) {
        this(kind, message, operations, data, List.of());
    }

    /** This anomaly with the servers involved, named with their roles at the end of its message. */
    public Anomaly withServers(List<ServerRole> roles) {
        if (roles.isEmpty()) {
            return this;
        }
        String named = String.join(", ", roles.stream().map(ServerRole::describe).toList());
        return new Anomaly(kind, message + " [servers: " + named + "]", operations, data, roles);
    }
}
