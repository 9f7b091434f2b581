package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Overlaps;
import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.lasting;

/**
 * Judges an election workload history (Curator LeaderLatch): did two participants believe they led at once?
 *
 * <p>Each {@code lead} call is a leadership: from its invocation (the participant came to believe it leads) to its
 * completion (it stopped believing), or to the end of the history when it never completed or ended in info; a
 * {@code lead} that failed never led.
 * Overlaps between different participants are found by one sweep. Since every interval is what a client
 * <em>believed</em>, an overlap is certain; no indeterminate case can create one.
 *
 * <p>A LeaderLatch leader learns it lost leadership only when its connection is suspended or lost, so under a
 * partition a short overlap is expected behaviour, not a bug of ZooKeeper. The verdict policy is therefore explicit:
 * overlaps up to {@link #allowOverlapsUpTo(Duration)} (default zero) are tolerated and only counted; longer ones are
 * {@code leadership-overlap} anomalies. The overlap statistics are always in {@code stats}.
 */
public final class LeaderElectionChecker implements Checker {

    private final Duration allowed;

    private LeaderElectionChecker(Duration allowed) {
        this.allowed = allowed;
    }

    /** A checker that tolerates no overlap of leaderships. */
    public static LeaderElectionChecker create() {
        return new LeaderElectionChecker(Duration.ZERO);
    }

    /** A checker that tolerates overlaps no longer than {@code allowed} (e.g. the session timeout). */
    public LeaderElectionChecker allowOverlapsUpTo(Duration allowed) {
        Objects.requireNonNull(allowed, "allowed");
        if (allowed.isNegative()) {
            throw new IllegalArgumentException("the allowed overlap cannot be negative: " + allowed);
        }
        return new LeaderElectionChecker(allowed);
    }

    @Override
    public String name() {
        return "leader-election";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            long end = Results.endOf(history);
            List<Overlaps.Interval<Call>> leaderships = new ArrayList<>();
            for (Call call : history.calls()) {
                if (call.invoke().f().equals("lead") && call.outcome() != Operation.Type.FAIL) {
                    leaderships.add(new Overlaps.Interval<>(call, participant(call), call.invoke().time(),
                            call.completion() == null ? end : call.completion().time()));
                }
            }
            if (leaderships.isEmpty()) {
                return results.unknown("the history has no lead operations: it is not an election history");
            }
            List<Overlaps.Overlap<Call>> overlaps = Overlaps.find(leaderships);
            long total = 0;
            long longest = 0;
            int tolerated = 0;
            List<List<Long>> intervals = new ArrayList<>();
            for (Overlaps.Overlap<Call> o : overlaps) {
                total += o.length();
                longest = Math.max(longest, o.length());
                intervals.add(List.of(o.start(), o.end()));
                if (o.length() <= allowed.toNanos()) {
                    tolerated++;
                } else {
                    report(o, results);
                }
            }
            results.stat("leaderships", leaderships.size()).stat("overlaps", overlaps.size())
                    .stat("toleratedOverlaps", tolerated).stat("allowedOverlapMs", allowed.toMillis())
                    .stat("overlapTotalMs", total / 1e6).stat("overlapMaxMs", longest / 1e6)
                    .stat("overlapIntervals", intervals.size() > 1000 ? intervals.subList(0, 1000) : intervals);
            return results.finish(leaderships.size() + " leaderships, " + overlaps.size() + " overlaps"
                    + (overlaps.isEmpty() ? "" : ", none longer than " + lasting(allowed.toNanos())));
        });
    }

    private void report(Overlaps.Overlap<Call> o, Results results) {
        String a = o.first().owner();
        String b = o.second().owner();
        results.add("leadership-overlap", "participants " + a + " and " + b + " both believed they led from "
                + at(o.start()) + " to " + at(o.end()) + " (" + lasting(o.length()) + ", more than the allowed "
                + lasting(allowed.toNanos()) + ")", List.of(o.first().payload().invoke().index(),
                o.second().payload().invoke().index()), data(
                "clients", List.of(a, b),
                "intervals", List.of(List.of(o.first().start(), o.first().end()),
                        List.of(o.second().start(), o.second().end())),
                "overlap", List.of(o.start(), o.end()),
                "durationMs", o.length() / 1e6));
    }

    private static String participant(Call call) {
        Object id = Values.asMap(call.invoke().value()).get("participant");
        if (id == null && call.completion() != null) {
            id = Values.asMap(call.completion().value()).get("participant");
        }
        return id != null ? String.valueOf(id) : Values.client(call);
    }
}
