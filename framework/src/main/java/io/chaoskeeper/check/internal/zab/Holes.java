package io.chaoskeeper.check.internal.zab;

import io.chaoskeeper.check.internal.Results;

import java.util.List;

import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.zab.LoggedTxn.counter;
import static io.chaoskeeper.check.internal.zab.LoggedTxn.epoch;
import static io.chaoskeeper.check.internal.zab.LoggedTxn.hex;

/**
 * No holes: what a server would replay on top of its snapshot is gap-free. A leader numbers its proposals
 * 1, 2, 3, ... within its epoch and every server logs them in that order (a sync by DIFF logs the missing ones, a
 * SNAP or TRUNC sync writes a snapshot that covers them), so after the snapshot's zxid S the next logged zxid is
 * S + 1 in S's epoch or counter 1 of a later epoch, and so on record by record. A server whose replay skips
 * zxids, or goes back, builds on transactions it does not hold: {@code zab-log-hole}.
 */
public final class Holes {

    /** The anomaly kind. */
    public static final String KIND = "zab-log-hole";

    private Holes() {
    }

    /** Checks one server's replayed records. */
    public static void check(ServerLog server, Results results) {
        long previous = server.base();
        String after = "its snapshot " + hex(previous);
        for (LoggedTxn txn : server.effective()) {
            long z = txn.zxid();
            boolean next = epoch(z) == epoch(previous) ? z == previous + 1
                    : epoch(z) > epoch(previous) && counter(z) == 1;
            if (!next) {
                report(server, previous, after, txn, results);
            }
            previous = z;
            after = hex(z);
        }
    }

    private static void report(ServerLog server, long previous, String after, LoggedTxn txn, Results results) {
        long z = txn.zxid();
        String gap;
        if (z <= previous) {
            gap = "goes back from " + after + " to " + hex(z);
        } else if (epoch(z) == epoch(previous)) {
            gap = "skips " + (z - previous - 1) + " zxid(s) " + hex(previous + 1) + ".." + hex(z - 1);
        } else {
            gap = "starts epoch " + epoch(z) + " at counter " + counter(z) + ", skipping " + hex(z - counter(z) + 1)
                    + ".." + hex(z - 1);
        }
        results.add(KIND, server.server() + "'s log " + gap + " after " + after + " and builds on them with "
                        + txn.describe() + " at " + hex(z) + (txn.file() == null ? "" : " in " + txn.file()),
                List.of(), data("nodes", List.of(server.server()), "zxid", hex(z), "after", hex(previous),
                        "paths", txn.path() == null ? List.of() : List.of(txn.path())));
    }
}
