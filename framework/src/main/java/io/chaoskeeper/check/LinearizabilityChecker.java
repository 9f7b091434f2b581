package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.linear.Budget;
import io.chaoskeeper.check.internal.linear.Outcome;
import io.chaoskeeper.check.internal.linear.PartsRace;
import io.chaoskeeper.check.internal.linear.Pruning;
import io.chaoskeeper.check.internal.linear.Search;
import io.chaoskeeper.check.internal.linear.UniqueValues;
import io.chaoskeeper.check.internal.linear.VersionSlots;
import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Decides whether a history is linearizable with respect to a {@link Model}.
 *
 * <pre>{@code
 * CheckResult r = LinearizabilityChecker.of(Models.casRegister())
 *         .withTimeLimit(Duration.ofSeconds(30))
 *         .check(history);
 * }</pre>
 *
 * <p>How: the history is split by {@code key} and by the model's {@link Model#partition} (P-compositionality) and
 * the parts are checked in parallel. For registers with unique written values a polynomial pass finds certain
 * contradictions (stale reads, reads from the future, reads of values never written) in milliseconds; then
 * indeterminate writes nobody observed are dropped and the Wing–Gong–Lowe search with memoisation decides the rest
 * (read-only calls linearized without branching, timed-out calls tried last and pruned by domination, failed calls
 * that observed something fitted into the linearization found rather than searched). For a znode, whose versions
 * tell which timed-out writes took effect, the search first tries the history without the others, whose valid
 * verdict stands for the whole ({@code VersionSlots}).
 * A check that runs out of time or memory is {@link Verdict#UNKNOWN} with the reason; it never throws.
 */
public final class LinearizabilityChecker implements Checker {

    private static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(2);
    private static final int PARALLEL_THRESHOLD = 500;
    private static final long DEFAULT_MEMORY_LIMIT = 1L << 30;

    private final Model<?> model;
    private final Duration timeLimit;
    private final long memoryLimit;
    private final int parallelism;

    private LinearizabilityChecker(Model<?> model, Duration timeLimit, long memoryLimit, int parallelism) {
        this.model = model;
        this.timeLimit = timeLimit;
        this.memoryLimit = memoryLimit;
        this.parallelism = parallelism;
    }

    /**
     * A checker for this model with the default budget: two minutes, 1 GiB of memory (at most the JVM's maximum
     * heap; see {@link #withMemoryLimit}), and as many parallel searches as there are processors.
     */
    public static LinearizabilityChecker of(Model<?> model) {
        return new LinearizabilityChecker(model, DEFAULT_TIME_LIMIT, capped(DEFAULT_MEMORY_LIMIT),
                Runtime.getRuntime().availableProcessors());
    }

    /** The searches keep at most 40% of the budget alive, so even a budget of the whole heap leaves most free. */
    private static long capped(long bytes) {
        return Math.min(bytes, Runtime.getRuntime().maxMemory());
    }

    /** Gives up (unknown) after this long. */
    public LinearizabilityChecker withTimeLimit(Duration limit) {
        return new LinearizabilityChecker(model, limit, memoryLimit, parallelism);
    }

    /**
     * Gives up (unknown) before the searches cost the process more than about this many bytes of memory (capped at
     * the JVM's maximum heap). Default 1 GiB. The searches running at once may keep 40% of it alive (memo entries,
     * the model states they interned with what those hold, their caches and per-call arrays, counted at their
     * allocated size); the rest is the room a garbage collector takes beside live data (Serial and Parallel hold a
     * heap of 2.5 times it), so the JVM's resident memory stays near this limit.
     */
    public LinearizabilityChecker withMemoryLimit(long bytes) {
        return new LinearizabilityChecker(model, timeLimit, capped(bytes), parallelism);
    }

    /** Checks at most this many independent parts at once. */
    public LinearizabilityChecker withParallelism(int threads) {
        return new LinearizabilityChecker(model, timeLimit, memoryLimit, Math.max(1, threads));
    }

    @Override
    public String name() {
        return "linearizability(" + model.name() + ")";
    }

    @Override
    public CheckResult check(History history) {
        long started = System.nanoTime();
        List<Call> all;
        try {
            all = history.calls();
        } catch (HistoryFormatException e) {
            return unknown(started, 0, "the history is not well-formed: " + e.getMessage(), Map.of());
        }
        Map<String, List<Call>> parts;
        try {
            parts = partition(all);
        } catch (RuntimeException e) {
            return unknown(started, all.size(), modelFailed(e), Map.of());
        }
        // Parts race, so one hard valid part cannot hold up an easy invalid one (the first invalid part stops
        // the others). Small histories are done before a helper thread would have taken a part.
        int threads = all.size() < PARALLEL_THRESHOLD ? 1 : Math.min(parallelism, Math.max(1, parts.size()));
        Budget budget = new Budget(started + timeLimit.toNanos(), memoryLimit);
        List<Supplier<Part>> tasks = new ArrayList<>();
        parts.forEach((key, calls) -> tasks.add(() -> checkPart(key, calls, budget)));
        List<Part> results;
        try {
            results = PartsRace.run(tasks, threads);
        } catch (InterruptedException e) {
            budget.stop().set(true);
            Thread.currentThread().interrupt();
            return unknown(started, all.size(), "interrupted", Map.of());
        } catch (CompletionException e) {
            return unknown(started, all.size(), "the check failed: " + e.getCause(), Map.of());
        }
        return combine(started, all.size(), parts.size(), results);
    }

    /** Client calls that took part (no fails unless the model says they observed), by key and model partition. */
    private Map<String, List<Call>> partition(List<Call> all) {
        @SuppressWarnings("unchecked")
        Model<Object> m = (Model<Object>) model;
        Map<String, List<Call>> parts = new LinkedHashMap<>();
        for (Call c : all) {
            if (c.outcome() == Operation.Type.FAIL && !m.observes(c) || m.ignores(c)) {
                continue;
            }
            String part = m.partition(c);
            String key = c.invoke().key() == null ? "" : c.invoke().key();
            parts.computeIfAbsent(part == null ? key : key + "/" + part, k -> new ArrayList<>()).add(c);
        }
        return parts;
    }

    /** One part's outcome; {@code calls} maps the outcome's positions back to the history. */
    private record Part(String key, List<Call> calls, Outcome outcome, boolean shortcut) {
    }

    private Part checkPart(String key, List<Call> calls, Budget budget) {
        @SuppressWarnings("unchecked")
        Model<Object> m = (Model<Object>) model;
        try {
            budget.checkTime();
            if (model instanceof ValueRegister register) {
                Outcome.Counterexample quick = UniqueValues.find(register, calls, m::describe);
                if (quick != null) {
                    budget.stop().set(true);
                    return new Part(key, calls, new Outcome(Verdict.INVALID, null, quick, 0), true);
                }
            }
            Part part = null;
            List<Call> specialized = model instanceof ZnodeModel znode
                    ? VersionSlots.withoutUnneededWrites(znode, calls) : calls;
            if (specialized != calls) { // only a valid verdict of the smaller history stands
                // (a search gives its memory back when it ends, so a guess that fails leaves the whole its share)
                Part guess = search(key, specialized, budget);
                part = guess.outcome().verdict() == Verdict.VALID ? guess : null;
            }
            if (part == null) {
                part = search(key, calls, budget);
            }
            if (part.outcome().verdict() == Verdict.INVALID) {
                budget.stop().set(true);
            }
            return part;
        } catch (Budget.Exhausted e) {
            return new Part(key, calls, new Outcome(Verdict.UNKNOWN, e.getMessage(), null, 0), false);
        } catch (IllegalArgumentException e) {
            return new Part(key, calls, new Outcome(Verdict.UNKNOWN, e.getMessage(), null, 0), false);
        } catch (RuntimeException e) {
            return new Part(key, calls, new Outcome(Verdict.UNKNOWN, modelFailed(e), null, 0), false);
        } catch (OutOfMemoryError e) {
            return new Part(key, calls, new Outcome(Verdict.UNKNOWN, "the JVM ran out of memory; give it more"
                    + " (-Xmx) or lower the memory limit", null, 0), false);
        }
    }

    /** The search over one part's calls, fitting in the failed calls that observed something. */
    private Part search(String key, List<Call> calls, Budget budget) {
        @SuppressWarnings("unchecked")
        Model<Object> m = (Model<Object>) model;
        // Failed calls that observed something never change the state: search without them, fit them into
        // the linearization found, and search again with those that did not fit, until all fit. Fewer
        // observers let more timed-out writes be pruned; while guessing which of those the observers need,
        // only a valid verdict stands, and an invalid one is confirmed by the exact pruning.
        List<Call> observers = calls.stream().filter(c -> c.outcome() == Operation.Type.FAIL).toList();
        Set<Call> included = new HashSet<>();
        Set<Call> helpers = new HashSet<>();
        boolean guessing = true;
        List<Call> relaxed;
        Outcome outcome;
        while (true) {
            relaxed = observers.isEmpty() ? calls
                    : calls.stream().filter(c -> c.outcome() != Operation.Type.FAIL || included.contains(c))
                    .toList();
            if (model instanceof ValueRegister register) {
                relaxed = Pruning.prune(register, relaxed,
                        guessing ? helpers::contains : Pruning.observationsCanSee(relaxed));
            }
            Search<Object> search = new Search<>(m, relaxed, budget);
            outcome = search.run();
            if (outcome.verdict() == Verdict.INVALID && guessing && !included.isEmpty()) {
                guessing = false;
                continue;
            }
            List<Call> misfits = outcome.verdict() == Verdict.VALID ? search.misfits(observers) : List.of();
            if (misfits.isEmpty()) {
                break; // (included observers always fit, so each round adds at least one)
            }
            included.addAll(misfits);
            misfits.forEach(o -> helpers.addAll(lastWritesBefore(calls, o)));
        }
        return new Part(key, relaxed, outcome, false);
    }

    /** A model that throws cannot judge this history: the check is unknown, never an exception. */
    private String modelFailed(RuntimeException e) {
        return "the " + model.name() + " model cannot judge this history (it threw " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")";
    }

    /** The two indeterminate calls invoked last before {@code observer} returned: writes it may have seen. */
    private static List<Call> lastWritesBefore(List<Call> calls, Call observer) {
        List<Call> found = new ArrayList<>(2);
        for (int i = calls.size() - 1; i >= 0 && found.size() < 2; i--) {
            Call c = calls.get(i);
            if (c.isIndeterminate() && c.invoke().index() < observer.completion().index()) {
                found.add(c);
            }
        }
        return found;
    }

    private CheckResult combine(long started, long ops, int partCount, List<Part> parts) {
        Verdict verdict = Verdict.VALID;
        List<Anomaly> anomalies = new ArrayList<>();
        String reason = null;
        long configurations = 0;
        int shortcuts = 0;
        for (Part p : parts) {
            Outcome o = p.outcome();
            configurations += o.configurations();
            shortcuts += p.shortcut() ? 1 : 0;
            if (o.verdict() == Verdict.INVALID) {
                anomalies.add(anomaly(p));
            } else if (o.verdict() == Verdict.UNKNOWN && reason == null && !o.reason().startsWith("stopped")) {
                reason = (p.key().isEmpty() ? "" : "key " + p.key() + ": ") + o.reason();
            }
            verdict = verdict.and(o.verdict());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("partitions", partCount);
        stats.put("configurations", configurations);
        stats.put("uniqueValueShortcuts", shortcuts);
        String summary = switch (verdict) {
            case VALID -> "linearizable (" + ops + " operations, " + partCount + " part" + (partCount == 1 ? "" : "s")
                    + ")";
            case INVALID -> anomalies.get(0).message();
            case UNKNOWN -> reason == null ? "undecided" : reason;
        };
        return new CheckResult(name(), verdict, summary, anomalies, ops,
                Duration.ofNanos(System.nanoTime() - started), stats);
    }

    private Anomaly anomaly(Part p) {
        Outcome.Counterexample cx = p.outcome().counterexample();
        List<Call> calls = p.calls();
        Call failing = calls.get(cx.failing());
        List<Long> prefix = cx.prefix().stream().map(i -> calls.get(i).invoke().index()).toList();
        List<Long> concurrent = cx.concurrent().stream().map(i -> calls.get(i).invoke().index()).toList();
        List<Long> involved = new ArrayList<>();
        involved.add(failing.invoke().index());
        if (failing.completion() != null) {
            involved.add(failing.completion().index());
        }
        involved.addAll(concurrent);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("prefix", prefix);
        data.put("failing", failing.invoke().index());
        data.put("concurrent", concurrent);
        data.put("states", cx.states());
        if (!p.key().isEmpty()) {
            data.put("key", p.key());
        }
        String message = (p.key().isEmpty() ? "" : "key " + p.key() + ": ") + cx.message();
        return new Anomaly("not-linearizable", message, involved, data);
    }

    private CheckResult unknown(long started, long ops, String reason, Map<String, Object> stats) {
        return new CheckResult(name(), Verdict.UNKNOWN, reason, List.of(), ops,
                Duration.ofNanos(System.nanoTime() - started), stats);
    }
}
