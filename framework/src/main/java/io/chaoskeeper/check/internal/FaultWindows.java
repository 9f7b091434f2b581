package io.chaoskeeper.check.internal;

import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each fault of a history was active: from its {@code fault-start} to the {@code fault-stop} with the same id
 * (or the end of the history), so an anomaly can say which faults it happened under.
 */
public final class FaultWindows {

    private final List<Map<String, Object>> windows = new ArrayList<>();

    private FaultWindows(History history) {
        Map<Object, Map<String, Object>> open = new LinkedHashMap<>();
        for (Operation op : history.faultEvents()) {
            Map<String, Object> value = Values.asMap(op.value());
            Object id = value.get("id");
            if (op.f().equals(FaultEvent.START)) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("id", id);
                w.put("kind", value.get("kind"));
                w.put("targets", value.getOrDefault("targets", List.of()));
                w.put("start", op.time());
                w.put("end", Long.MAX_VALUE);
                open.put(id, w);
                windows.add(w);
            } else if (op.f().equals(FaultEvent.STOP) && open.containsKey(id)) {
                open.remove(id).put("end", op.time());
            }
        }
    }

    /** The fault windows of a history. */
    public static FaultWindows of(History history) {
        return new FaultWindows(history);
    }

    /** True when the history has no fault. */
    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** The faults active at some time in [from, to] (ns), as {id, kind, targets, start, end}. */
    public List<Map<String, Object>> during(long from, long to) {
        List<Map<String, Object>> active = new ArrayList<>();
        for (Map<String, Object> w : windows) {
            if ((Long) w.get("start") <= to && (Long) w.get("end") >= from) {
                active.add(w);
            }
        }
        return active;
    }
}
