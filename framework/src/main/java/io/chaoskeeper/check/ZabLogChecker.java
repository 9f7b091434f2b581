package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.zab.Agreement;
import io.chaoskeeper.check.internal.zab.Durability;
import io.chaoskeeper.check.internal.zab.Holes;
import io.chaoskeeper.check.internal.zab.ServerArchives;
import io.chaoskeeper.check.internal.zab.ServerLog;
import io.chaoskeeper.history.History;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * Checks Zab's promises on the servers' own transaction logs and snapshots, read with ZooKeeper's persistence
 * classes ({@code FileTxnLog}, {@code FileSnap}, {@code SerializeUtils}), beside the client history:
 * <ul>
 *   <li><b>agreement</b> ({@code zab-divergent-txn}): a zxid logged on two servers (or twice on one) carries the
 *   same transaction: header (session, cxid, time, type) and record (path, data, ...);</li>
 *   <li><b>no holes</b> ({@code zab-log-hole}): what a server replays on top of its latest valid snapshot is
 *   gap-free: zxid + 1 within an epoch, counter 1 when a later epoch starts; so is its whole log, every file in
 *   log order, except a step into zxid z where a snapshot file is named z − 1 (a SNAP or TRUNC sync), since a
 *   leader serving a DIFF from a log with a hole makes its learner skip committed transactions;</li>
 *   <li><b>durability</b> ({@code zab-lost-write}): a zxid a client saw ok is held (in the snapshot or the replayed
 *   log) by every server whose log goes on past it.</li>
 * </ul>
 * Each anomaly names the servers ({@code data.nodes}), the zxid and the znode paths. Servers whose archive was cut
 * by the size cap are left out and named in {@code stats.skipped}; with no server readable the verdict is UNKNOWN.
 */
public final class ZabLogChecker implements Checker {

    /** The checker's name in {@code checks.json}. */
    public static final String NAME = "zab-logs";

    private final Path runDirectory;
    private final Map<String, Path> dataDirectories;

    private ZabLogChecker(Path runDirectory, Map<String, Path> dataDirectories) {
        this.runDirectory = runDirectory;
        this.dataDirectories = dataDirectories;
    }

    /** Reads the archives a run wrote: {@code nodes/<node>-data.tar.gz} of the run directory. */
    public static ZabLogChecker ofRunDirectory(Path runDirectory) {
        return new ZabLogChecker(runDirectory, null);
    }

    /** Reads data directories on disk: server name → the directory that holds {@code version-2}. */
    public static ZabLogChecker ofDataDirectories(Map<String, Path> dataDirectories) {
        return new ZabLogChecker(null, new TreeMap<>(dataDirectories));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(NAME, history, results -> {
            if (dataDirectories != null) {
                List<ServerLog> servers = new ArrayList<>();
                dataDirectories.forEach((name, dir) -> servers.add(ServerLog.read(name, dir)));
                return judge(servers, List.of(), history, results);
            }
            try (ServerArchives archives = ServerArchives.open(runDirectory)) {
                return judge(archives.servers(), archives.skipped(), history, results);
            } catch (IOException e) {
                return results.unknown("the servers' data archives in " + runDirectory + " could not be read: "
                        + e.getMessage());
            }
        });
    }

    private static CheckResult judge(List<ServerLog> servers, List<String> skipped, History history, Results results) {
        results.stat("skipped", skipped.isEmpty() ? null : skipped);
        if (servers.isEmpty()) {
            return results.unknown(skipped.isEmpty() ? "no server's data directory was archived"
                    : "no server's data could be read: " + String.join(", ", skipped));
        }
        Map<String, Object> perServer = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long txns = 0;
        for (ServerLog server : servers) {
            Holes.check(server, results);
            txns += server.all().size();
            perServer.put(server.server(), Map.of("logged", server.all().size(), "replayed", server.effective().size(),
                    "snapshot", hex(server.base()), "last", hex(server.lastZxid())));
            if (server.problem() != null) {
                problems.add(server.server() + ": " + server.problem());
            }
        }
        long shared = Agreement.check(servers, results);
        long[] durability = Durability.check(servers, history, results);
        results.stat("servers", perServer).stat("txnsRead", txns).stat("zxidsOnSeveralServers", shared)
                .stat("acknowledgedZxids", durability[0]).stat("behind", durability[1])
                .stat("unreadable", problems.isEmpty() ? null : problems);
        return results.finish(servers.size() + " servers' logs (" + txns + " records, " + shared + " zxids on several "
                + "servers) agree, have no holes and hold the " + durability[0] + " zxids clients saw ok"
                + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped)));
    }
}
