package io.chaoskeeper.check.internal.zab;

import io.chaoskeeper.check.internal.Results;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * Agreement: a zxid carries one transaction wherever it is logged. Only the leader of an epoch proposes that
 * epoch's zxids, so every copy of a zxid, even one a later snapshot sync left dead in an old log file, must be
 * that leader's proposal. Two different transactions under one zxid are a {@code zab-divergent-txn}.
 */
public final class Agreement {

    /** The anomaly kind. */
    public static final String KIND = "zab-divergent-txn";

    private Agreement() {
    }

    /** Compares every logged copy of every zxid; returns how many zxids were compared on two or more servers. */
    public static long check(List<ServerLog> servers, Results results) {
        Map<Long, LoggedTxn> first = new HashMap<>();
        Map<Long, Set<String>> holders = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (ServerLog server : servers) {
            for (LoggedTxn txn : server.all()) {
                holders.computeIfAbsent(txn.zxid(), z -> new HashSet<>()).add(server.server());
                LoggedTxn earlier = first.putIfAbsent(txn.zxid(), txn);
                if (earlier != null && !earlier.sameTransaction(txn)
                        && reported.add(txn.zxid() + "/" + earlier.server() + "/" + txn.server())) {
                    report(earlier, txn, results);
                }
            }
        }
        return holders.values().stream().filter(h -> h.size() > 1).count();
    }

    private static void report(LoggedTxn a, LoggedTxn b, Results results) {
        String where = a.server().equals(b.server()) ? a.server() + " (" + a.file() + " and " + b.file() + ")"
                : a.server() + " and " + b.server();
        results.add(KIND, "zxid " + hex(a.zxid()) + " carries two different transactions on " + where + ": "
                        + a.server() + " logged " + a.describe() + ", " + b.server() + " logged " + b.describe(),
                List.of(), data("nodes", List.of(a.server(), b.server()), "zxid", hex(a.zxid()),
                        "paths", pathsOf(a, b), "files", List.of(a.file(), b.file())));
    }

    private static List<String> pathsOf(LoggedTxn a, LoggedTxn b) {
        return java.util.stream.Stream.of(a.path(), b.path()).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
