package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.format.HistoryFormat.Rules;

import java.util.List;

/**
 * A ZooKeeper znode's data and version, the shape of chaoskeeper's cas-register workload: {@code read} returns
 * {@code [v, version]}; {@code write v} sets the data and bumps the version (returns {@code [v, newVersion]});
 * {@code cas [expectedVersion, v]} is {@code setData} with an expected version. A cas that failed with
 * {@code bad-version} observed another version. The znode starts empty at version 0.
 */
public final class ZnodeModel implements Model<ZnodeModel.Znode>, ValueRegister {

    /** The znode's data (null: empty) and data version. */
    public record Znode(Object value, long version) {
    }

    private final Rules rules;

    /** A znode model under these rules. */
    public ZnodeModel(Rules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "znode";
    }

    @Override
    public Znode init() {
        return new Znode(rules.initialValue(), 0);
    }

    @Override
    public Znode step(Znode state, Call call) {
        Object in = Calls.input(call);
        return switch (Calls.f(call)) {
            case "read" -> {
                Object out = Calls.output(call);
                yield Calls.same(state.value, Calls.pair(call, out, 0)) && versionMatches(state.version,
                        Calls.pair(call, out, 1)) ? state : null;
            }
            case "write" -> bumped(state, call, in);
            case "cas" -> {
                boolean matches = versionMatches(state.version, Calls.pair(call, in, 0));
                if (call.outcome() == Operation.Type.FAIL) {
                    yield matches ? null : state;
                }
                yield matches ? bumped(state, call, Calls.pair(call, in, 1)) : null;
            }
            default -> throw Calls.unknown(name(), call, "read, write, cas");
        };
    }

    private static Znode bumped(Znode state, Call call, Object value) {
        Object out = Calls.output(call);
        if (out instanceof List<?> l && l.size() == 2 && !versionMatches(state.version + 1, l.get(1))) {
            return null;
        }
        return new Znode(value, state.version + 1);
    }

    private static boolean versionMatches(long version, Object seen) {
        return seen == null || seen instanceof Number n && n.longValue() == version;
    }

    @Override
    public boolean observes(Call failed) {
        return rules.failuresObserve() && "cas".equals(Calls.f(failed)) && "bad-version".equals(Calls.error(failed));
    }

    @Override
    public boolean readOnly(Call call) {
        return Calls.readOnly(call);
    }

    @Override
    public boolean ignores(Call call) {
        return "read".equals(Calls.f(call)) && !Calls.ok(call);
    }

    @Override
    public String describe(Call call) {
        Object in = Calls.input(call);
        return switch (Calls.f(call)) {
            case "read" -> "read " + (Calls.ok(call) ? Calls.output(call) : "?");
            case "cas" -> in instanceof List<?> l && l.size() == 2
                    ? "cas version " + l.get(0) + " → " + Calls.show(l.get(1)) : "cas " + in;
            default -> Model.super.describe(call);
        } + (call.outcome() == Operation.Type.FAIL ? " (failed)" : call.isIndeterminate() ? " (indeterminate)" : "");
    }

    @Override
    public String describe(Znode state) {
        return Calls.show(state.value) + " at version " + state.version;
    }

    @Override
    public Object initialValue() {
        return rules.initialValue();
    }

    @Override
    public Object written(Call call) {
        return Calls.written(call);
    }

    @Override
    public Object observed(Call call) {
        return "read".equals(Calls.f(call)) && Calls.ok(call) ? Calls.pair(call, Calls.output(call), 0) : NONE;
    }

    @Override
    public Object needs(Call call) {
        return observed(call);
    }

    /** The version an ok call reports: the one its write made, or the one its read saw; -1 when none. */
    public long reportedVersion(Call call) {
        Object out = Calls.output(call);
        return out instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Number n ? n.longValue() : -1;
    }

    /** Whether the call is a cas (a {@code setData} with an expected version). */
    public boolean isCas(Call call) {
        return "cas".equals(Calls.f(call));
    }

    /**
     * Whether this write, had it taken effect, could have made {@code version}: a plain write any version, a cas
     * only the one after the version it expects.
     */
    public boolean canMake(Call write, long version) {
        Object in = Calls.input(write);
        return !isCas(write) || in instanceof List<?> l && l.size() == 2
                && versionMatches(version - 1, l.get(0));
    }

    /** Whether the model takes these two values for the same (an integer and a decimal of one magnitude are). */
    public boolean same(Object a, Object b) {
        return Calls.same(a, b);
    }

    @Override
    public boolean unobservedWritesPrunable() {
        return false; // every write bumps the version, which later calls observe
    }
}
