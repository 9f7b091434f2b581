package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.format.HistoryFormat.Rules;

import java.util.List;

/**
 * A register of one value: {@code read}, {@code write v}, and with compare-and-set {@code cas [from to]}. A read of
 * an unknown outcome constrains nothing; under Knossos' rules neither does a read that returned nil.
 */
public final class RegisterModel implements Model<RegisterModel.Value>, ValueRegister {

    /** The register's value (null: empty). */
    public record Value(Object value) {
    }

    private final boolean cas;
    private final Rules rules;
    private final Value initial;

    /** A plain register ({@code cas=false}) or a cas-register, under these rules. */
    public RegisterModel(boolean cas, Rules rules) {
        this.cas = cas;
        this.rules = rules;
        this.initial = new Value(rules.initialValue());
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public Value init() {
        return initial;
    }

    @Override
    public Value step(Value state, Call call) {
        switch (Calls.f(call)) {
            case "read" -> {
                return Calls.same(state.value, Calls.output(call)) ? state : null;
            }
            case "write" -> {
                return new Value(Calls.input(call));
            }
            case "cas" -> {
                if (!cas) {
                    throw Calls.unknown(name(), call, "read, write");
                }
                Object in = Calls.input(call);
                boolean matches = Calls.same(state.value, Calls.pair(call, in, 0));
                if (call.outcome() == Operation.Type.FAIL) {
                    return matches ? null : state;
                }
                return matches ? new Value(Calls.pair(call, in, 1)) : null;
            }
            default -> throw Calls.unknown(name(), call, cas ? "read, write, cas" : "read, write");
        }
    }

    @Override
    public boolean observes(Call failed) {
        return cas && rules.failuresObserve() && "cas".equals(Calls.f(failed));
    }

    @Override
    public boolean readOnly(Call call) {
        return Calls.readOnly(call);
    }

    @Override
    public boolean blind(Call call) {
        return "write".equals(Calls.f(call));
    }

    @Override
    public boolean overwrites(Call call) {
        return "write".equals(Calls.f(call));
    }

    @Override
    public boolean ignores(Call call) {
        return "read".equals(Calls.f(call))
                && (!Calls.ok(call) || rules.nilReadMatchesAny() && Calls.output(call) == null);
    }

    @Override
    public String describe(Call call) {
        Object in = Calls.input(call);
        return switch (Calls.f(call)) {
            case "read" -> "read " + (Calls.ok(call) ? Calls.show(Calls.output(call)) : "?");
            case "write" -> "write " + Calls.show(in);
            case "cas" -> in instanceof List<?> l && l.size() == 2
                    ? "cas " + Calls.show(l.get(0)) + "→" + Calls.show(l.get(1)) : "cas " + in;
            default -> Model.super.describe(call);
        } + (call.outcome() == Operation.Type.FAIL ? " (failed)" : call.isIndeterminate() ? " (indeterminate)" : "");
    }

    @Override
    public String describe(Value state) {
        return Calls.show(state.value);
    }

    @Override
    public Object initialValue() {
        return initial.value;
    }

    @Override
    public Object written(Call call) {
        return Calls.written(call);
    }

    @Override
    public Object observed(Call call) {
        if (!Calls.ok(call)) {
            return NONE;
        }
        return switch (Calls.f(call)) {
            case "read" -> rules.nilReadMatchesAny() && Calls.output(call) == null ? NONE : Calls.output(call);
            case "cas" -> Calls.pair(call, Calls.input(call), 0);
            default -> NONE;
        };
    }

    @Override
    public Object needs(Call call) {
        return switch (Calls.f(call)) {
            case "read" -> ignores(call) ? NONE : Calls.output(call);
            case "cas" -> Calls.pair(call, Calls.input(call), 0);
            default -> NONE;
        };
    }

    @Override
    public boolean unobservedWritesPrunable() {
        return true;
    }
}
