package io.chaoskeeper.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * The timeline as the page draws it: one row per call in columnar arrays (compact JSON, no object per op), times in
 * microseconds since the run started, repeated strings as indexes into one string table. Rows are sorted by start
 * time, which is the index the page culls and hovers with.
 */
final class Timeline {

    /** Outcome codes in the {@code outcome} column. */
    static final int OK = 0;
    static final int FAIL = 1;
    static final int INFO = 2;

    /** Longer values are cut in the hover text; the raw files hold them whole. */
    private static final int MAX_VALUE_CHARS = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Timeline() {
    }

    /** The page's timeline model of a history's calls and faults. */
    static Map<String, Object> of(List<Call> calls, List<Operation> faultEvents, long endNanos) {
        List<Call> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong(c -> c.invoke().time()));
        Map<Long, Integer> laneOf = new HashMap<>();
        List<List<Long>> lanes = packLanes(sorted, laneOf);
        Strings strings = new Strings();
        int n = sorted.size();
        int[] lane = new int[n];
        long[] process = new long[n];
        long[] start = new long[n];
        long[] stop = new long[n];
        int[] outcome = new int[n];
        int[] f = new int[n];
        String[] value = new String[n];
        int[] key = new int[n];
        int[] node = new int[n];
        int[] error = new int[n];
        long[] invokeIndex = new long[n];
        long[] completionIndex = new long[n];
        for (int i = 0; i < n; i++) {
            Call c = sorted.get(i);
            Operation inv = c.invoke();
            Operation done = c.completion();
            lane[i] = laneOf.get(inv.process());
            process[i] = inv.process();
            start[i] = micros(inv.time());
            stop[i] = done == null ? -1 : micros(done.time());
            outcome[i] = switch (c.outcome()) {
                case OK -> OK;
                case FAIL -> FAIL;
                default -> INFO;
            };
            f[i] = strings.of(inv.f());
            value[i] = valueText(c);
            key[i] = strings.of(inv.key());
            node[i] = strings.of(done != null && done.node() != null ? done.node() : inv.node());
            error[i] = strings.of(done == null ? null : done.error());
            invokeIndex[i] = inv.index();
            completionIndex[i] = done == null ? -1 : done.index();
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("begin", n == 0 ? 0 : micros(sorted.get(0).invoke().time()));
        t.put("end", micros(endNanos));
        t.put("lanes", lanes.stream().map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(","))).toList());
        t.put("process", process);
        t.put("strings", strings.table);
        t.put("lane", lane);
        t.put("start", start);
        t.put("stop", stop);
        t.put("outcome", outcome);
        t.put("f", f);
        t.put("value", value);
        t.put("key", key);
        t.put("node", node);
        t.put("error", error);
        t.put("invoke", invokeIndex);
        t.put("completion", completionIndex);
        t.put("faults", faults(faultEvents));
        return t;
    }

    /**
     * Packs processes into lanes: a process goes to the lane that fell free first, if it was free before the
     * process's first call. After a timeout a client continues as a new process, so one lane per process would
     * leave hundreds of mostly empty lanes; packed, there are about as many lanes as client threads.
     *
     * @param calls  sorted by start
     * @param laneOf filled with each process's lane
     * @return each lane's processes in order
     */
    private static List<List<Long>> packLanes(List<Call> calls, Map<Long, Integer> laneOf) {
        Map<Long, long[]> span = new LinkedHashMap<>(); // process -> {first start, last end}, in order of first start
        for (Call c : calls) {
            long end = c.completion() == null ? Long.MAX_VALUE : c.completion().time();
            span.computeIfAbsent(c.invoke().process(), p -> new long[]{c.invoke().time(), end})[1] = end;
        }
        List<List<Long>> lanes = new ArrayList<>();
        PriorityQueue<long[]> free = new PriorityQueue<>(Comparator.<long[]>comparingLong(l -> l[1])
                .thenComparingLong(l -> l[0])); // {lane, busy until}
        for (Map.Entry<Long, long[]> e : span.entrySet()) {
            long[] lane = free.peek();
            if (lane != null && lane[1] < e.getValue()[0]) {
                free.poll();
            } else {
                lane = new long[]{lanes.size(), 0};
                lanes.add(new ArrayList<>());
            }
            lanes.get((int) lane[0]).add(e.getKey());
            laneOf.put(e.getKey(), (int) lane[0]);
            lane[1] = e.getValue()[1];
            free.add(lane);
        }
        return lanes;
    }

    /** Fault windows: each start paired with the stop of the same id; an unhealed fault has stop -1. */
    static List<Map<String, Object>> faults(List<Operation> events) {
        Map<Object, Map<String, Object>> open = new LinkedHashMap<>();
        List<Map<String, Object>> windows = new ArrayList<>();
        for (Operation e : events) {
            Map<?, ?> v = e.value() instanceof Map<?, ?> m ? m : Map.of();
            Object id = v.get("id");
            if (FaultEvent.START.equals(e.f())) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("id", id == null ? null : String.valueOf(id));
                w.put("kind", String.valueOf(v.get("kind")));
                w.put("targets", v.get("targets") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of());
                w.put("params", json(v.get("params")));
                w.put("start", micros(e.time()));
                w.put("stop", -1L);
                w.put("error", e.error());
                windows.add(w);
                open.put(id, w);
            } else if (FaultEvent.STOP.equals(e.f())) {
                Map<String, Object> w = open.remove(id);
                if (w != null) {
                    w.put("stop", micros(e.time()));
                    if (e.error() != null) {
                        w.put("healError", e.error());
                    }
                }
            }
        }
        return windows;
    }

    static long micros(long nanos) {
        return Math.floorDiv(nanos, 1000L);
    }

    private static String valueText(Call c) {
        Object invoked = c.invoke().value();
        Object result = c.completion() == null ? null : c.completion().value();
        String text = result == null || result.equals(invoked) ? json(invoked) : json(invoked) + " → " + json(result);
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** A string table: each distinct string once; -1 stands for null. */
    private static final class Strings {
        final List<String> table = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int of(String s) {
            if (s == null) {
                return -1;
            }
            return index.computeIfAbsent(s, k -> {
                table.add(k);
                return table.size() - 1;
            });
        }
    }

    /** The end of the history's timeline in nanoseconds: the last event's time. */
    static long endOf(History history) {
        long end = 0;
        for (Operation op : history.operations()) {
            end = Math.max(end, op.time());
        }
        return end;
    }
}
