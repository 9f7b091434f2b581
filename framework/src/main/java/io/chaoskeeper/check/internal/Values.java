package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;

import java.util.List;
import java.util.Map;

/** Reads the JSON-like values of workload histories without trusting their shape. */
public final class Values {

    private Values() {
    }

    /** The value as a long, or null when it is not a whole number. */
    public static Long asLong(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return null;
    }

    /** The value as a map, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The value as a list, or null when it is not one. */
    public static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : null;
    }

    /** A whole-number field of a map value, or null. */
    public static Long longField(Object value, String field) {
        return asLong(asMap(value).get(field));
    }

    /** The client of a call: {@code extra.client} of its invocation, else of its completion, else the process. */
    public static String client(Call call) {
        Object client = extra(call, "client");
        return client != null ? String.valueOf(client) : String.valueOf(call.invoke().process());
    }

    /** An {@code extra} field of a call's invocation, else of its completion, or null. */
    public static Object extra(Call call, String name) {
        Object value = call.invoke().extra().get(name);
        return value != null || call.completion() == null ? value : call.completion().extra().get(name);
    }

    /**
     * The client an operation belongs to: {@code extra.client} when the workload records it (it survives the new
     * process id a client gets after an indeterminate operation), else the process id.
     */
    public static String client(Operation op) {
        Object client = op.extra().get("client");
        return client != null ? String.valueOf(client) : String.valueOf(op.process());
    }

    /** An element of a set, queue or list, comparable across JSON number types (1 and 1L are the same element). */
    public static Object element(Object value) {
        Long l = asLong(value);
        return l != null ? l : value;
    }
}
