package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small histories in tests: events are appended in time order (times in ms), and {@code key}, {@code node},
 * {@code zxid}, {@code extra} refine the event appended last.
 */
final class HistoryBuilder {

    private final List<Operation> ops = new ArrayList<>();

    static HistoryBuilder history() {
        return new HistoryBuilder();
    }

    HistoryBuilder invoke(long process, String f, Object value, double ms) {
        return append(Type.INVOKE, process, f, value, ms, null);
    }

    HistoryBuilder ok(long process, String f, Object value, double ms) {
        return append(Type.OK, process, f, value, ms, null);
    }

    HistoryBuilder fail(long process, String f, String error, double ms) {
        return append(Type.FAIL, process, f, null, ms, error);
    }

    HistoryBuilder info(long process, String f, double ms) {
        return append(Type.INFO, process, f, null, ms, "timeout");
    }

    /** A whole call that returned ok: invoke at {@code from} with {@code arg}, ok at {@code to} with {@code result}. */
    HistoryBuilder call(long process, String f, Object arg, Object result, double from, double to) {
        return invoke(process, f, arg, from).ok(process, f, result, to);
    }

    HistoryBuilder key(String key) {
        return replaceLast(last().withKey(key));
    }

    HistoryBuilder node(String node) {
        Operation o = last();
        return replaceLast(new Operation(o.index(), o.type(), o.process(), o.f(), o.value(), o.time(), o.key(), node,
                o.error(), o.zxid(), o.extra()));
    }

    HistoryBuilder zxid(long zxid) {
        Operation o = last();
        return replaceLast(new Operation(o.index(), o.type(), o.process(), o.f(), o.value(), o.time(), o.key(),
                o.node(), o.error(), zxid, o.extra()));
    }

    HistoryBuilder extra(String name, Object value) {
        Operation o = last();
        Map<String, Object> extra = new LinkedHashMap<>(o.extra());
        extra.put(name, value);
        return replaceLast(new Operation(o.index(), o.type(), o.process(), o.f(), o.value(), o.time(), o.key(),
                o.node(), o.error(), o.zxid(), extra));
    }

    /** The index of the event appended last. */
    long lastIndex() {
        return last().index();
    }

    History build() {
        return History.of(ops);
    }

    private HistoryBuilder append(Type type, long process, String f, Object value, double ms, String error) {
        long time = Math.round(ms * 1_000_000);
        if (!ops.isEmpty() && time < last().time()) {
            throw new IllegalArgumentException("events must be appended in time order: " + ms + "ms is too early");
        }
        ops.add(new Operation(ops.size(), type, process, f, value, time, null, null, error, null, Map.of()));
        return this;
    }

    private Operation last() {
        return ops.get(ops.size() - 1);
    }

    private HistoryBuilder replaceLast(Operation op) {
        ops.set(ops.size() - 1, op);
        return this;
    }
}
