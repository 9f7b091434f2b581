package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;

import java.util.List;
import java.util.Objects;

/** Small accessors on calls shared by the models. */
final class Calls {

    private Calls() {
    }

    static String f(Call c) {
        return c.invoke().f();
    }

    static Object input(Call c) {
        return c.invoke().value();
    }

    /** The completion's value of an ok call; null otherwise. */
    static Object output(Call c) {
        return c.outcome() == Operation.Type.OK ? c.completion().value() : null;
    }

    static boolean ok(Call c) {
        return c.outcome() == Operation.Type.OK;
    }

    static String error(Call c) {
        return c.completion() == null ? null : c.completion().error();
    }

    /** Element {@code i} of a two-element list value such as {@code [from to]}. */
    static Object pair(Call c, Object value, int i) {
        if (value instanceof List<?> l && l.size() == 2) {
            return l.get(i);
        }
        throw new IllegalArgumentException("event " + c.invoke().index() + ": " + f(c)
                + " needs a two-element value, got " + value);
    }

    /** Value equality where integers and decimals of the same magnitude are equal. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Double || y instanceof Double ? x.doubleValue() == y.doubleValue()
                    : x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    /** What a register's {@code write v} or compare-and-set {@code [expected v]} writes if it takes effect. */
    static Object written(Call c) {
        return switch (f(c)) {
            case "write" -> input(c);
            case "cas" -> c.outcome() == Operation.Type.FAIL ? ValueRegister.NONE : pair(c, input(c), 1);
            default -> ValueRegister.NONE;
        };
    }

    /** Reads and failed (observing) calls of a register never change it. */
    static boolean readOnly(Call c) {
        return "read".equals(f(c)) || c.outcome() == Operation.Type.FAIL;
    }

    static IllegalArgumentException unknown(String model, Call c, String known) {
        return new IllegalArgumentException("the " + model + " model has no operation '" + f(c) + "' (event "
                + c.invoke().index() + "); it knows " + known);
    }

    static String show(Object v) {
        return v == null ? "nil" : String.valueOf(v);
    }
}
