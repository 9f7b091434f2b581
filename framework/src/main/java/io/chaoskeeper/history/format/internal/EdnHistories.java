package io.chaoskeeper.history.format.internal;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.internal.WellFormed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Jepsen op maps written as EDN: a vector or list of maps, or one map per line. File order is real-time order,
 * so events are indexed by position; a map's own {@code :index} is kept as {@code extra.sourceIndex}.
 */
public final class EdnHistories {

    private EdnHistories() {
    }

    /** Parses the whole text; {@code source} names it in error messages. */
    public static History parse(String source, String text) {
        Edn edn = new Edn(text);
        List<Operation> ops = new ArrayList<>();
        WellFormed structure = new WellFormed(source);
        try {
            if (edn.enterSequence()) {
                Object form;
                long line = edn.nextLine();
                while ((form = edn.nextInSequence()) != null) {
                    ops.add(structure.accept(line, toOperation(source, line, form, ops.size())));
                    line = edn.nextLine();
                }
                if (!edn.atEnd()) {
                    throw HistoryFormatException.at(source, edn.line(), "unexpected content after the history's"
                            + " closing bracket");
                }
            } else {
                while (!edn.atEnd()) {
                    long line = edn.nextLine();
                    ops.add(structure.accept(line, toOperation(source, line, edn.read(), ops.size())));
                }
            }
        } catch (Edn.SyntaxError e) {
            throw HistoryFormatException.at(source, e.line, "not valid EDN (" + e.getMessage() + ")");
        }
        if (ops.isEmpty()) {
            throw new HistoryFormatException(source + ": the history has no operations");
        }
        return History.of(ops);
    }

    private static Operation toOperation(String source, long line, Object form, long position) {
        if (!(form instanceof Map<?, ?> raw)) {
            throw HistoryFormatException.at(source, line, "expected an op map such as {:type :invoke, :f :read,"
                    + " :process 0}");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        raw.forEach((k, v) -> map.put(String.valueOf(k), v));
        Operation.Type type = map.get("type") instanceof String t ? Operation.Type.fromWireName(t) : null;
        if (type == null) {
            throw HistoryFormatException.at(source, line, ":type must be one of :invoke, :ok, :fail, :info");
        }
        Object f = map.get("f");
        if (f == null || f instanceof List || f instanceof Map) {
            throw HistoryFormatException.at(source, line, "the op has no :f");
        }
        long process = process(source, line, map.get("process"));
        long time = map.get("time") instanceof Long t ? t : position;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            switch (e.getKey()) {
                case "type", "f", "process", "time", "value", "key", "error" -> { }
                case "index" -> extra.put("sourceIndex", e.getValue());
                default -> extra.put(e.getKey(), e.getValue());
            }
        }
        Object key = map.get("key");
        Object error = map.get("error");
        return new Operation(position, type, process, String.valueOf(f), map.get("value"), time,
                key == null ? null : String.valueOf(key), null, error == null ? null : String.valueOf(error), null,
                extra);
    }

    static long process(String source, long line, Object process) {
        if ("nemesis".equals(process)) {
            return Operation.NEMESIS;
        }
        if (process instanceof Long p && p >= 0) {
            return p;
        }
        throw HistoryFormatException.at(source, line, ":process must be a non-negative integer or :nemesis");
    }
}
