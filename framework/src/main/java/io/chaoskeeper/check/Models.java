package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.model.KvModel;
import io.chaoskeeper.check.internal.model.MutexModel;
import io.chaoskeeper.check.internal.model.QueueModel;
import io.chaoskeeper.check.internal.model.RegisterModel;
import io.chaoskeeper.check.internal.model.SetModel;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.format.HistoryFormat.Rules;

import java.util.List;
import java.util.function.Function;

/**
 * The built-in models. Those whose meaning depends on a history source's conventions take its
 * {@link Rules} (see {@link io.chaoskeeper.history.format.HistoryFormat#rules()}); the others ignore them.
 */
public final class Models {

    private record Named(String name, Function<Rules, Model<?>> factory) {
    }

    private static final List<Named> ALL = List.of(
            new Named("register", r -> new RegisterModel(false, r)),
            new Named("cas-register", r -> new RegisterModel(true, r)),
            new Named("znode", ZnodeModel::new),
            new Named("mutex", r -> new MutexModel()),
            new Named("set", r -> new SetModel()),
            new Named("fifo-queue", r -> new QueueModel(true, r)),
            new Named("unordered-queue", r -> new QueueModel(false, r)),
            new Named("kv", r -> new KvModel()));

    private Models() {
    }

    /** A register: {@code read}, {@code write v}. */
    public static Model<?> register() {
        return named("register", Rules.CHAOSKEEPER);
    }

    /** A compare-and-set register: {@code read}, {@code write v}, {@code cas [from to]}; starts empty. */
    public static Model<?> casRegister() {
        return named("cas-register", Rules.CHAOSKEEPER);
    }

    /** A znode's data and version: chaoskeeper's cas-register workload (cas by expected version). */
    public static Model<?> znode() {
        return named("znode", Rules.CHAOSKEEPER);
    }

    /** An owner-aware mutex: {@code acquire}, {@code release}. */
    public static Model<?> mutex() {
        return named("mutex", Rules.CHAOSKEEPER);
    }

    /** A grow-only set: {@code add e}, {@code read}. */
    public static Model<?> set() {
        return named("set", Rules.CHAOSKEEPER);
    }

    /** A FIFO queue: {@code enqueue v}, {@code dequeue}. */
    public static Model<?> fifoQueue() {
        return named("fifo-queue", Rules.CHAOSKEEPER);
    }

    /** An unordered queue: {@code enqueue v}, {@code dequeue} returns any element. */
    public static Model<?> unorderedQueue() {
        return named("unordered-queue", Rules.CHAOSKEEPER);
    }

    /** A string key-value store per key: {@code get}, {@code put v}, {@code append v}. */
    public static Model<?> kv() {
        return named("kv", Rules.CHAOSKEEPER);
    }

    /**
     * The model called {@code name}, interpreting histories under {@code rules}.
     *
     * @throws IllegalArgumentException with one sentence listing the known models
     */
    public static Model<?> named(String name, Rules rules) {
        for (Named n : ALL) {
            if (n.name.equals(name)) {
                return n.factory.apply(rules);
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
    }

    /** The built-in model names. */
    public static List<String> names() {
        return ALL.stream().map(Named::name).toList();
    }
}
