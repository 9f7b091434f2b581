package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;

/**
 * One key of a string key-value store (the checker splits a history by key): {@code get} returns the value, a
 * missing key reading as the empty string; {@code put v} sets it; {@code append v} concatenates.
 */
public final class KvModel implements Model<String> {

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String init() {
        return "";
    }

    @Override
    public String step(String state, Call call) {
        return switch (Calls.f(call)) {
            case "get" -> state.equals(nullToEmpty(Calls.output(call))) ? state : null;
            case "put" -> nullToEmpty(Calls.input(call));
            case "append" -> state + nullToEmpty(Calls.input(call));
            default -> throw Calls.unknown(name(), call, "get, put, append");
        };
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public boolean readOnly(Call call) {
        return "get".equals(Calls.f(call));
    }

    @Override
    public boolean blind(Call call) {
        return "put".equals(Calls.f(call)) || "append".equals(Calls.f(call));
    }

    @Override
    public boolean overwrites(Call call) {
        return "put".equals(Calls.f(call));
    }

    @Override
    public boolean canStillFit(String state, Call call) {
        return !"get".equals(Calls.f(call)) || nullToEmpty(Calls.output(call)).startsWith(state);
    }

    @Override
    public boolean ignores(Call call) {
        return "get".equals(Calls.f(call)) && !Calls.ok(call);
    }

    @Override
    public String describe(String state) {
        return "\"" + state + "\"";
    }
}
