package io.chaoskeeper.check.internal.model;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A grow-only set: {@code add e}; {@code read} returns all elements as a list. */
public final class SetModel implements Model<Set<Object>> {

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Set<Object> init() {
        return Set.of();
    }

    @Override
    public Set<Object> step(Set<Object> state, Call call) {
        return switch (Calls.f(call)) {
            case "add" -> {
                Set<Object> next = new HashSet<>(state);
                next.add(Calls.input(call));
                yield Set.copyOf(next);
            }
            case "read" -> Calls.output(call) instanceof List<?> l && l.size() == state.size()
                    && state.containsAll(l) ? state : null;
            default -> throw Calls.unknown(name(), call, "add, read");
        };
    }

    @Override
    public boolean readOnly(Call call) {
        return "read".equals(Calls.f(call));
    }

    @Override
    public boolean ignores(Call call) {
        return "read".equals(Calls.f(call)) && !Calls.ok(call);
    }
}
