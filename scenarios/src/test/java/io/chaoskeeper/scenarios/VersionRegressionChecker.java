package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Checker;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symptom of finding 2 in a cas-register history, kind {@code version-went-back}: an acknowledged write or cas
 * answered with a znode version at or below a version some operation had already returned (read or written) before
 * the write was invoked. Sound with indeterminate operations: only completed ok operations are compared, and a write
 * ordered after an operation that saw version v must produce a version above v. Cheap (one pass), so it decides the
 * histories whose linearizability search runs out of time; it sees lost writes, not every non-linearizable history.
 */
final class VersionRegressionChecker implements Checker {

    static final String KIND = "version-went-back";
    private static final int KEPT = 50;

    @Override
    public String name() {
        return "version-regression";
    }

    @Override
    public CheckResult check(History history) {
        long started = System.nanoTime();
        List<Call> calls = history.calls().stream().filter(c -> c.outcome() == Operation.Type.OK)
                .filter(c -> c.completion().value() instanceof List<?> l && l.size() == 2).toList();
        List<Call> byStart = calls.stream().sorted(Comparator.comparingLong(c -> c.invoke().time())).toList();
        List<Call> byEnd = calls.stream().sorted(Comparator.comparingLong(Call::endTime)).toList();
        Map<String, Call> highest = new HashMap<>();
        List<Anomaly> anomalies = new ArrayList<>();
        long count = 0;
        long maxGap = 0;
        int done = 0;
        for (Call call : byStart) {
            while (done < byEnd.size() && byEnd.get(done).endTime() < call.invoke().time()) {
                Call finished = byEnd.get(done++);
                highest.merge(finished.invoke().key(), finished, (a, b) -> version(b) > version(a) ? b : a);
            }
            Call seen = highest.get(call.invoke().key());
            if (call.invoke().f().equals("read") || seen == null || version(call) > version(seen)) {
                continue;
            }
            count++;
            maxGap = Math.max(maxGap, version(seen) - version(call) + 1);
            if (anomalies.size() < KEPT) {
                anomalies.add(anomaly(call, seen));
            }
        }
        Map<String, Object> stats = Map.of("writesChecked", calls.size(), "versionsWentBack", count,
                "maxVersionsBack", maxGap);
        return new CheckResult(name(), anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID,
                count == 0 ? "no acknowledged write went back in version" : count + " acknowledged writes went back "
                        + "in version, by up to " + maxGap, anomalies, history.size(),
                Duration.ofNanos(System.nanoTime() - started), stats);
    }

    private static Anomaly anomaly(Call write, Call seen) {
        Operation w = write.completion();
        Operation s = seen.completion();
        String message = write.invoke().f() + " of " + ((List<?>) w.value()).get(0) + " on " + w.key() + " through "
                + w.node() + " was answered with version " + version(write) + " (zxid " + hex(w.zxid()) + "), but "
                + "version " + version(seen) + " (zxid " + hex(s.zxid()) + ", " + seen.invoke().f() + " through "
                + s.node() + ") had been returned before it was invoked";
        return new Anomaly(KIND, message, List.of(w.index(), s.index()), Map.of("key", w.key(),
                "versionsBehind", version(seen) - version(write) + 1, "nodes", List.of(w.node(), s.node())));
    }

    private static long version(Call call) {
        return ((Number) ((List<?>) call.completion().value()).get(1)).longValue();
    }

    private static String hex(Long zxid) {
        return zxid == null ? "?" : "0x" + Long.toHexString(zxid);
    }
}
