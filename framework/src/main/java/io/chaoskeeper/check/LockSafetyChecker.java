package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.CriticalSections;
import io.chaoskeeper.check.internal.CriticalSections.Section;
import io.chaoskeeper.check.internal.Overlaps;
import io.chaoskeeper.check.internal.RealTimeOrder;
import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.listOf;

/**
 * Judges a lock workload history (acquire, release, guarded-update) for the safety a lock user relies on, beyond
 * what a mutex model checks.
 *
 * <ul>
 *   <li>{@code lock-not-exclusive}: two clients' critical sections overlap in real time. A section runs from the
 *   ok of an acquire to the invocation of its release (see {@link CriticalSections}). Sections whose acquire was
 *   indeterminate are <em>unsure</em>: overlaps that need one are never reported, only counted
 *   ({@code unsureSections}, {@code unsureOverlaps}), so every reported overlap is certain.</li>
 *   <li>{@code fencing-token-regressed}: an acquire that completed before another was invoked got a token that is
 *   not smaller. Only ok acquires carry a token, so the check is a single sweep ({@link RealTimeOrder}).</li>
 *   <li>{@code stale-token-accepted}: the guarded resource accepted (ok) an update whose token is below the last
 *   token it had seen.</li>
 *   <li>{@code lost-update}: two ok guarded updates read the same counter value, or the final counter (an ok
 *   {@code read} of it, when the workload records one) is below the number of ok updates.</li>
 *   <li>{@code release-by-non-holder}: a release returned ok for a client whose acquire failed, or that had
 *   already released. A {@code fail not-held} release is the lock service telling the truth and is only counted
 *   ({@code releaseNotHeld}; {@code lockLostWhileHeld} when the client believed it held the lock).</li>
 * </ul>
 */
public final class LockSafetyChecker implements Checker {

    private LockSafetyChecker() {
    }

    /** The lock safety checker. */
    public static LockSafetyChecker create() {
        return new LockSafetyChecker();
    }

    @Override
    public String name() {
        return "lock-safety";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            List<Call> calls = history.calls();
            long end = Results.endOf(history);
            List<Section> sections = CriticalSections.of(calls, end);
            checkExclusion(sections, results);
            checkFencing(sections, results);
            checkGuardedUpdates(calls, results);
            checkReleases(calls, results);
            long acquires = calls.stream().filter(c -> c.invoke().f().equals("acquire")).count();
            if (acquires == 0) {
                return results.unknown("the history has no acquire operations: it is not a lock history");
            }
            return results.finish(sections.size() + " critical sections were exclusive, fenced and released by "
                    + "their holders");
        });
    }

    private static void checkExclusion(List<Section> sections, Results results) {
        List<Overlaps.Interval<Section>> intervals = new ArrayList<>();
        for (Section s : sections) {
            intervals.add(new Overlaps.Interval<>(s, s.client() + "\u0000" + s.acquire().invoke().process(),
                    s.start(), s.end()));
        }
        Map<String, List<Overlaps.Interval<Section>>> byLock = new LinkedHashMap<>();
        intervals.forEach(i -> byLock.computeIfAbsent(String.valueOf(i.payload().lock()), k -> new ArrayList<>())
                .add(i));
        int unsureOverlaps = 0;
        for (List<Overlaps.Interval<Section>> lock : byLock.values()) {
            for (Overlaps.Overlap<Section> o : Overlaps.find(lock)) {
                Section a = o.first().payload();
                Section b = o.second().payload();
                if (!a.certain() || !b.certain()) {
                    unsureOverlaps++;
                    continue;
                }
                String lockName = a.lock() == null ? "the lock" : "lock " + a.lock();
                results.add("lock-not-exclusive", "clients " + a.client() + " and " + b.client() + " both held "
                        + lockName + " from " + at(o.start()) + " to " + at(o.end()) + " (tokens " + a.token()
                        + " and " + b.token() + ")", indexes(a, b), data(
                        "clients", List.of(a.client(), b.client()),
                        "tokens", listOf(a.token(), b.token()),
                        "intervals", List.of(List.of(a.start(), a.end()), List.of(b.start(), b.end())),
                        "overlap", List.of(o.start(), o.end()),
                        "lock", a.lock()));
            }
        }
        results.stat("sections", sections.size())
                .stat("unsureSections", sections.stream().filter(s -> !s.certain()).count())
                .stat("unsureOverlaps", unsureOverlaps);
    }

    private static List<Long> indexes(Section a, Section b) {
        List<Long> ops = new ArrayList<>();
        for (Section s : List.of(a, b)) {
            ops.add(s.acquire().completion().index());
            if (s.release() != null) {
                ops.add(s.release().invoke().index());
            }
        }
        return ops;
    }

    private static void checkFencing(List<Section> sections, Results results) {
        List<RealTimeOrder.Item<Section>> items = new ArrayList<>();
        for (Section s : sections) {
            if (s.token() != null) {
                items.add(new RealTimeOrder.Item<>(s, s.acquire().invoke().time(), s.acquire().endTime(), s.token()));
            }
        }
        Map<String, List<RealTimeOrder.Item<Section>>> byLock = new LinkedHashMap<>();
        items.forEach(i -> byLock.computeIfAbsent(String.valueOf(i.payload().lock()), k -> new ArrayList<>()).add(i));
        for (List<RealTimeOrder.Item<Section>> lock : byLock.values()) {
            for (RealTimeOrder.Inversion<Section> inv : RealTimeOrder.inversions(lock)) {
                Section a = inv.earlier().payload();
                Section b = inv.later().payload();
                results.add("fencing-token-regressed", "client " + b.client() + "'s acquire invoked at "
                        + at(inv.later().start()) + " got token " + b.token() + ", not above token " + a.token()
                        + " that client " + a.client() + "'s acquire had already received at "
                        + at(inv.earlier().end()), List.of(b.acquire().completion().index(),
                        a.acquire().completion().index()), data(
                        "clients", List.of(b.client(), a.client()),
                        "tokens", List.of(b.token(), a.token()),
                        "intervals", List.of(List.of(inv.later().start(), inv.later().end()),
                                List.of(inv.earlier().start(), inv.earlier().end())),
                        "lock", b.lock()));
            }
        }
        results.stat("tokensChecked", items.size())
                .stat("acquiresWithoutToken", sections.stream().filter(s -> s.certain() && s.token() == null).count());
    }

    private static void checkGuardedUpdates(List<Call> calls, Results results) {
        Map<Long, Call> byRead = new HashMap<>();
        long okUpdates = 0;
        long malformed = 0;
        long staleRejected = 0;
        Call finalRead = null;
        for (Call call : calls) {
            String f = call.invoke().f();
            if (f.equals("read") && call.outcome() == Operation.Type.OK && counter(call) != null) {
                finalRead = finalRead == null || call.endTime() >= finalRead.endTime() ? call : finalRead;
            }
            if (!f.equals("guarded-update")) {
                continue;
            }
            if (call.outcome() == Operation.Type.FAIL && "stale-token".equals(call.completion().error())) {
                staleRejected++;
            }
            if (call.outcome() != Operation.Type.OK) {
                continue;
            }
            okUpdates++;
            Object v = call.completion().value();
            Long token = Values.longField(v, "token");
            Long lastToken = Values.longField(v, "lastToken");
            Long read = Values.longField(v, "read");
            if (token == null || read == null) {
                malformed++;
                continue;
            }
            String client = Values.client(call);
            if (lastToken != null && token < lastToken) {
                results.add("stale-token-accepted", "the guarded resource accepted client " + client
                        + "'s update at " + at(call.endTime()) + " with token " + token + ", below the last token "
                        + lastToken + " it had seen", List.of(call.completion().index()), data(
                        "clients", List.of(client), "tokens", List.of(token, lastToken),
                        "intervals", List.of(List.of(call.invoke().time(), call.endTime()))));
            }
            Call same = byRead.putIfAbsent(read, call);
            if (same != null) {
                String other = Values.client(same);
                Long otherToken = Values.longField(same.completion().value(), "token");
                results.add("lost-update", "clients " + other + " and " + client + " both read counter " + read
                        + " (updates ending at " + at(same.endTime()) + " and " + at(call.endTime())
                        + ", tokens " + otherToken + " and " + token + "), so one update was lost",
                        List.of(same.completion().index(), call.completion().index()), data(
                        "clients", List.of(other, client), "tokens", listOf(otherToken, token),
                        "counter", read, "intervals", List.of(List.of(same.invoke().time(), same.endTime()),
                                List.of(call.invoke().time(), call.endTime()))));
            }
        }
        Long finalCounter = finalRead == null ? null : counter(finalRead);
        if (finalCounter != null && finalCounter < okUpdates) {
            results.add("lost-update", "the final counter read at " + at(finalRead.endTime()) + " is "
                    + finalCounter + ", below the " + okUpdates + " acknowledged updates",
                    List.of(finalRead.completion().index()), data("counter", finalCounter, "okUpdates", okUpdates));
        }
        results.stat("guardedUpdates", okUpdates).stat("staleTokensRejected", staleRejected)
                .stat("updatesWithoutFields", malformed).stat("finalCounter", finalCounter);
    }

    private static Long counter(Call read) {
        Object v = read.completion().value();
        return v instanceof Map ? Values.longField(v, "counter") : Values.asLong(v);
    }

    private static void checkReleases(List<Call> calls, Results results) {
        // keyed by client, so a client continuing under a new process id may release what its old one acquired
        Map<String, Call> holding = new HashMap<>();
        Map<String, Call> previous = new HashMap<>();
        long notHeld = 0;
        long lostWhileHeld = 0;
        for (Call call : calls) {
            String p = Values.client(call);
            String f = call.invoke().f();
            if (f.equals("acquire") && call.outcome() != Operation.Type.FAIL) {
                holding.put(p, call);
            }
            if (f.equals("release")) {
                Call held = holding.remove(p);
                if (call.outcome() == Operation.Type.OK && held == null) {
                    reportNonHolder(call, previous.get(p), results);
                } else if (call.outcome() == Operation.Type.FAIL && "not-held".equals(call.completion().error())) {
                    notHeld++;
                    lostWhileHeld += held != null && held.outcome() == Operation.Type.OK ? 1 : 0;
                }
            }
            if (f.equals("acquire") || f.equals("release")) {
                previous.put(p, call);
            }
        }
        results.stat("releaseNotHeld", notHeld).stat("lockLostWhileHeld", lostWhileHeld);
    }

    private static void reportNonHolder(Call release, Call previous, Results results) {
        String client = Values.client(release);
        String why = previous == null ? "it had never acquired the lock"
                : previous.invoke().f().equals("release")
                ? "it had already released the lock at " + at(previous.invoke().time())
                : "its acquire at " + at(previous.invoke().time()) + " failed";
        List<Long> ops = new ArrayList<>(List.of(release.completion().index()));
        if (previous != null) {
            ops.add(previous.invoke().index());
        }
        results.add("release-by-non-holder", "client " + client + "'s release at " + at(release.invoke().time())
                + " succeeded although " + why, ops, data("clients", List.of(client),
                "intervals", List.of(List.of(release.invoke().time(), release.endTime()))));
    }

}
