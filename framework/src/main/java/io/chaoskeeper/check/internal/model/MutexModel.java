package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;

/**
 * An owner-aware mutex: {@code acquire} takes a free lock for the calling process, {@code release} frees it only
 * for its owner.
 */
public final class MutexModel implements Model<MutexModel.Lock> {

    /** The lock, free ({@code owner} -1) or held by process {@code owner}. */
    public record Lock(long owner) {
    }

    private static final Lock FREE = new Lock(-1);

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Lock init() {
        return FREE;
    }

    @Override
    public Lock step(Lock state, Call call) {
        long process = call.invoke().process();
        return switch (Calls.f(call)) {
            case "acquire" -> state.owner == -1 ? new Lock(process) : null;
            case "release" -> state.owner == process ? FREE : null;
            default -> throw Calls.unknown(name(), call, "acquire, release");
        };
    }

    @Override
    public String describe(Call call) {
        return Calls.f(call) + " by process " + call.invoke().process()
                + (call.isIndeterminate() ? " (indeterminate)" : "");
    }

    @Override
    public String describe(Lock state) {
        return state.owner == -1 ? "free" : "held by process " + state.owner;
    }
}
