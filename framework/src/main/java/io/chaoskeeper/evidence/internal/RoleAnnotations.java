package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names, in each anomaly, the servers its operations went to and what each was at that moment ("zk5 (leader,
 * epoch 1)"): the server's last timeline sample at or before the earliest involved event on it.
 */
public final class RoleAnnotations {

    private RoleAnnotations() {
    }

    /** The results with every anomaly that involves operations on known servers annotated. */
    public static List<CheckResult> annotate(List<CheckResult> results, History history, ClusterTimeline timeline) {
        List<Operation> ops = history.operations();
        List<CheckResult> annotated = new ArrayList<>();
        for (CheckResult r : results) {
            List<Anomaly> anomalies = r.anomalies().stream().map(a -> a.withServers(roles(a, ops, timeline))).toList();
            annotated.add(new CheckResult(r.checker(), r.verdict(), r.summary(), anomalies, r.operations(),
                    r.elapsed(), r.stats()));
        }
        return annotated;
    }

    /** The servers of an anomaly's events, in the order the anomaly lists them, each at its earliest event. */
    static List<ServerRole> roles(Anomaly anomaly, List<Operation> ops, ClusterTimeline timeline) {
        Map<String, Long> firstTime = new LinkedHashMap<>();
        for (long index : anomaly.operations()) {
            Operation op = find(ops, index);
            if (op != null && op.node() != null) {
                firstTime.merge(op.node(), op.time(), Math::min);
            }
        }
        List<ServerRole> roles = new ArrayList<>();
        firstTime.forEach((node, time) -> timeline.at(node, time)
                .ifPresent(s -> roles.add(new ServerRole(node, s.state().wireName(), s.epoch()))));
        return roles;
    }

    /** The event with this index: histories are indexed densely from 0, else found by binary search. */
    private static Operation find(List<Operation> ops, long index) {
        if (index >= 0 && index < ops.size() && ops.get((int) index).index() == index) {
            return ops.get((int) index);
        }
        int low = 0;
        int high = ops.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = ops.get(mid).index();
            if (at == index) {
                return ops.get(mid);
            }
            if (at < index) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return null;
    }
}
