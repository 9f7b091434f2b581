package io.chaoskeeper.check.internal.zab;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * Durability: a transaction a client saw ok (the zxid of an ok write, or the mzxid an ok read returned) was
 * committed, so every server whose log goes on past it must hold it, in its snapshot (zxid at most the
 * snapshot's) or among the records it replays on top. A server whose log ends before it may still be catching up
 * and is only counted ({@code behind}); one that builds past it without it has lost it: {@code zab-lost-write}.
 */
public final class Durability {

    /** The anomaly kind. */
    public static final String KIND = "zab-lost-write";

    private Durability() {
    }

    /** Checks every acknowledged zxid on every server; returns {zxids checked, server copies behind}. */
    public static long[] check(List<ServerLog> servers, History history, Results results) {
        Map<Long, Operation> acknowledged = new TreeMap<>();
        for (Operation op : history.clientOperations()) {
            if (op.type() == Operation.Type.OK && op.zxid() != null && op.zxid() > 0) {
                acknowledged.putIfAbsent(op.zxid(), op);
            }
        }
        long behind = 0;
        for (ServerLog server : servers) {
            Set<Long> replayed = new HashSet<>();
            server.effective().forEach(t -> replayed.add(t.zxid()));
            for (Map.Entry<Long, Operation> e : acknowledged.entrySet()) {
                long z = e.getKey();
                if (z <= server.base() || replayed.contains(z)) {
                    continue;
                }
                if (server.lastZxid() > z) {
                    report(server, e.getValue(), results);
                } else {
                    behind++;
                }
            }
        }
        return new long[] {acknowledged.size(), behind};
    }

    private static void report(ServerLog server, Operation op, Results results) {
        long z = op.zxid();
        String seen = op.f() + (op.key() == null ? "" : " of " + op.key()) + " by process " + op.process()
                + (op.node() == null ? "" : " on " + op.node()) + ", ok at " + at(op.time());
        List<Object> paths = new ArrayList<>();
        if (op.key() != null) {
            paths.add(op.key());
        }
        results.add(KIND, server.server() + " lost zxid " + hex(z) + " (" + seen + "): its log goes on to "
                        + hex(server.lastZxid()) + " from snapshot " + hex(server.base()) + " without it",
                List.of(op.index()), data("nodes", List.of(server.server()), "zxid", hex(z),
                        "lastZxid", hex(server.lastZxid()), "snapshot", hex(server.base()), "paths", paths));
    }
}
