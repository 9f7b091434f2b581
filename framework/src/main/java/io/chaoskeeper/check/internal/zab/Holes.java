package io.chaoskeeper.check.internal.zab;

import io.chaoskeeper.check.internal.Results;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.zab.LoggedTxn.counter;
import static io.chaoskeeper.check.internal.zab.LoggedTxn.epoch;
import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * No holes. A leader numbers its proposals 1, 2, 3, ... within its epoch and every server logs them in that order,
 * so a logged zxid follows the one before it when it is that one + 1 in the same epoch, or counter 1 of a later
 * epoch. Two readings of a server's log must keep to it ({@code zab-log-hole}, once per zxid):
 * <ul>
 *   <li><b>the replay</b>: from the latest snapshot's zxid on, record by record, what a restart would replay (a
 *   sync by DIFF logs the missing zxids, a SNAP or TRUNC sync writes a snapshot that covers them). A server whose
 *   replay skips zxids, or goes back, builds on transactions it does not hold;</li>
 *   <li><b>the whole log</b>: every record of every file in log order, where one more step is sound: into z when
 *   a snapshot file is named z − 1, since a SNAP or TRUNC sync writes {@code snapshot.<z-1>} and then logs from z,
 *   in the same file or a new one. Any other hole is one a leader serving a DIFF from this log passes on: the
 *   learner silently skips committed transactions (ZOOKEEPER-2846), even when a later snapshot of this server hides
 *   the hole from its own replay. A step below the oldest snapshot file is not judged (autopurge may have removed
 *   the one that explained it).</li>
 * </ul>
 */
public final class Holes {

    /** The anomaly kind. */
    public static final String KIND = "zab-log-hole";

    private Holes() {
    }

    /** Checks one server's replayed records, then its whole log; a zxid is reported once. */
    public static void check(ServerLog server, Results results) {
        Set<Long> reported = new HashSet<>();
        replay(server, reported, results);
        wholeLog(server, reported, results);
    }

    private static void replay(ServerLog server, Set<Long> reported, Results results) {
        long previous = server.base();
        String after = "its snapshot " + hex(previous);
        for (LoggedTxn txn : server.effective()) {
            if (!follows(previous, txn.zxid()) && reported.add(txn.zxid())) {
                report(server, previous, after, txn, "", results);
            }
            previous = txn.zxid();
            after = hex(previous);
        }
    }

    private static void wholeLog(ServerLog server, Set<Long> reported, Results results) {
        LoggedTxn before = null;
        for (LoggedTxn txn : server.all()) {
            long z = txn.zxid();
            if (before != null && !follows(before.zxid(), z) && !explained(server, z) && reported.add(z)) {
                String where = txn.file() == null || txn.file().equals(before.file()) ? "" : " in " + before.file();
                report(server, before.zxid(), hex(before.zxid()) + where, txn, uncovered(before.zxid(), z), results);
            }
            before = txn;
        }
    }

    /**
     * Whether a snapshot file is named z − 1, or may have been: with autopurge on, ZooKeeper deletes old snapshots
     * but keeps a log file as long as it holds a retained snapshot's zxid, so a step below the oldest snapshot left
     * is not judged (without autopurge, the {@code snapshot.0} of the first start is always there).
     */
    private static boolean explained(ServerLog server, long z) {
        return server.snapshots().contains(z - 1) || server.snapshots().stream().allMatch(s -> s >= z);
    }

    /** What a step of the whole log that no snapshot explains does to a DIFF a leader serves from this log. */
    private static String uncovered(long previous, long z) {
        return "; no snapshot." + Long.toHexString(z - 1) + " explains the step (a SNAP or TRUNC sync), so a DIFF"
                + " served from this log " + (z > previous ? "skips them" : "sends " + hex(z) + ".." + hex(previous)
                + " twice");
    }

    /** Whether zxid {@code z} may be logged right after {@code previous}. */
    static boolean follows(long previous, long z) {
        return epoch(z) == epoch(previous) ? z == previous + 1 : epoch(z) > epoch(previous) && counter(z) == 1;
    }

    private static void report(ServerLog server, long previous, String after, LoggedTxn txn, String note,
                               Results results) {
        long z = txn.zxid();
        String gap;
        if (z <= previous) {
            gap = "goes back from " + after + " to " + hex(z);
        } else if (epoch(z) == epoch(previous)) {
            gap = "skips " + (z - previous - 1) + " zxid(s) " + hex(previous + 1) + ".." + hex(z - 1) + " after "
                    + after;
        } else {
            gap = "starts epoch " + epoch(z) + " at counter " + counter(z) + ", skipping " + hex(z - counter(z) + 1)
                    + ".." + hex(z - 1) + ", after " + after;
        }
        results.add(KIND, server.server() + "'s log " + gap + " and builds on them with " + txn.describe() + " at "
                        + hex(z) + (txn.file() == null ? "" : " in " + txn.file()) + note,
                List.of(), data("nodes", List.of(server.server()), "zxid", hex(z), "after", hex(previous),
                        "paths", txn.path() == null ? List.of() : List.of(txn.path())));
    }
}
