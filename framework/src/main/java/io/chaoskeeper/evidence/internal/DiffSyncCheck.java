package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import org.apache.zookeeper.server.util.ZxidUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * ZooKeeper's own continuity check of a sync as a check result, {@value #NAME}. While a learner queues the
 * proposals its leader sends in a sync, it throws on a gap inside one epoch but only warns on a jump into a later
 * epoch ({@code Learner - DIFF sync got new epoch proposal 0xZ, last queued 0xP}, ZOOKEEPER-4925, 3.9.4 on), as
 * it cannot tell a loss from a legitimate new epoch. A new epoch's first proposal is counter 1, though: a jump to
 * any other counter skipped the committed zxids 1..Z−1 of that epoch, as a leader does when it serves a DIFF from
 * a log a SNAP sync left with a hole (ZOOKEEPER-2846). That is a {@value #KIND}; a jump to counter 1 is counted
 * only. The servers' logs ({@code nodes/<node>.log}) hold their whole life: only lines from the run's start on
 * count ({@link RunLines}). No log read at all is unknown.
 */
public final class DiffSyncCheck {

    /** The checker name in {@code checks.json}. */
    public static final String NAME = "server-sync";
    /** The anomaly kind. */
    public static final String KIND = "diff-sync-hole";

    static final Pattern NEW_EPOCH = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) .*\\.Learner - DIFF sync got"
            + " new epoch proposal 0x([0-9a-fA-F]+), last queued 0x([0-9a-fA-F]+)");

    /** One warning: when (on the history's clock and the log's), the zxid proposed and the one queued before. */
    record Jump(long time, String logTime, long zxid, long lastQueued) {
    }

    private DiffSyncCheck() {
    }

    /** The verdict over the servers' logs copied into {@code runDirectory}, from the run's start to its end. */
    public static CheckResult of(List<ServerFacts> servers, Path runDirectory, Instant runStart, Instant runEnd) {
        List<String> unread = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        long atCounterOne = 0;
        for (ServerFacts s : servers) {
            Optional<Path> log = s.copiedLog(runDirectory);
            if (log.isEmpty()) {
                unread.add(s.node());
                continue;
            }
            for (Jump j : jumps(log.get(), runStart, runEnd)) {
                if (ZxidUtils.getCounterFromZxid(j.zxid()) == 1) {
                    atCounterOne++;
                } else {
                    anomalies.add(anomaly(s.node(), j));
                }
            }
        }
        int read = servers.size() - unread.size();
        Map<String, Object> stats = new LinkedHashMap<>(Map.of("servers", read, "unread", unread,
                "newEpochAtCounterOne", atCounterOne));
        if (read == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no server's log was copied", List.of(), 0, Duration.ZERO,
                    stats);
        }
        if (!anomalies.isEmpty()) {
            return new CheckResult(NAME, Verdict.INVALID, anomalies.get(0).message(), anomalies, 0, Duration.ZERO,
                    stats);
        }
        return new CheckResult(NAME, Verdict.VALID, "no sync skipped a new epoch's first transactions in " + read
                + (read == 1 ? " server's log" : " servers' logs") + (unread.isEmpty() ? ""
                : " (" + String.join(", ", unread) + " not copied)"), List.of(), 0, Duration.ZERO, stats);
    }

    /** ZooKeeper's new-epoch warnings in one server log during the run. */
    static List<Jump> jumps(Path log, Instant runStart, Instant runEnd) {
        return RunLines.matching(log, runStart, runEnd, NEW_EPOCH, (time, m) -> new Jump(time, m.group(1),
                Long.parseUnsignedLong(m.group(2), 16), Long.parseUnsignedLong(m.group(3), 16)));
    }

    private static Anomaly anomaly(String node, Jump j) {
        long first = ZxidUtils.makeZxid(ZxidUtils.getEpochFromZxid(j.zxid()), 1);
        return new Anomaly(KIND, node + " synced with its leader and skipped the committed transactions "
                + hex(first) + ".." + hex(j.zxid() - 1) + ": at " + j.logTime() + " ZooKeeper logged 'DIFF sync got"
                + " new epoch proposal " + hex(j.zxid()) + ", last queued " + hex(j.lastQueued()) + "', and a new"
                + " epoch starts at counter 1 (see nodes/" + node + ".log)", List.of(),
                Map.of("node", node, "zxid", hex(j.zxid()), "lastQueued", hex(j.lastQueued()),
                        "skipped", hex(first) + ".." + hex(j.zxid() - 1), "logTime", j.logTime(), "time", j.time()));
    }
}
