package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.RealTimeOrder;
import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Staleness;
import io.chaoskeeper.check.internal.ZnodeAccess;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.lasting;
import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * Judges ZooKeeper's documented guarantees on a register, cas-register or config history, using the zxids and
 * versions the clients recorded. Every rule is a sort or a sweep; there is no search.
 *
 * <ul>
 *   <li>Writes are linearizable: an ok write that completed before another was invoked has the smaller zxid
 *   ({@code write-zxid-not-real-time}; {@link RealTimeOrder}). A client's own ok writes take effect in issue order
 *   ({@code fifo-order-violated}).</li>
 *   <li>Reads return states that existed: a read's (value, version) is what the write with its mzxid wrote
 *   ({@code read-state-mismatch}); a value no write wrote, or only a failed one, is {@code read-never-written}; a
 *   value whose writes were all invoked after the read completed is {@code read-from-future}. An indeterminate
 *   write is matched by its unique value, and the zxid a read saw it at is then used as its zxid.</li>
 *   <li>Single system image: once a client has seen zxid S (the mzxid of a read, the zxid of its write, or
 *   {@code extra.seenZxid}), no later read of it may return a znode state older than S, i.e. mzxid m with a known
 *   write of that znode in (m, S], nor an mzxid below one it already saw for that znode; and its session zxid never
 *   decreases. This holds across reconnects to other servers; a client is {@code extra.client} when recorded (it
 *   links the new process id a client gets after an indeterminate op), else the process
 *   ({@code zxid-went-backwards}).</li>
 *   <li>Staleness: plain reads are only sequentially consistent, so a read that missed a write certainly completed
 *   before it began is measured (versions, zxids, time behind; percentiles in {@code stats}), not reported. A
 *   {@code sync}-then-read ({@code extra.readMode = "sync"}) that missed one is a {@code stale-sync-read} anomaly
 *   (a stale leader under a partition, ZOOKEEPER-1675, or the leader's own clients with no fault at all,
 *   docs/findings/sync-read-stale-on-leader.md: the scenario decides whether it is expected).</li>
 * </ul>
 *
 * <p>Only ok operations carry zxids, and indeterminate writes are used only where a read proved they happened, so
 * no anomaly depends on an operation that may not have happened. Without any recorded zxid the verdict is UNKNOWN.
 */
public final class ZooKeeperGuaranteesChecker implements Checker {

    private static final TreeMap<Long, ZnodeAccess> NONE = new TreeMap<>();

    private ZooKeeperGuaranteesChecker() {
    }

    /** The ZooKeeper guarantees checker. */
    public static ZooKeeperGuaranteesChecker create() {
        return new ZooKeeperGuaranteesChecker();
    }

    @Override
    public String name() {
        return "zookeeper-guarantees";
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            List<ZnodeAccess> accesses = ZnodeAccess.of(history.calls());
            if (accesses.isEmpty()) {
                return results.unknown("the history has no reads or writes of znodes");
            }
            List<ZnodeAccess> okWithZxid = accesses.stream().filter(a -> a.ok() && a.zxid() != null).toList();
            if (okWithZxid.isEmpty()) {
                return results.unknown("no zxids were recorded, so ZooKeeper's guarantees cannot be checked");
            }
            results.stat("okWithoutZxid", accesses.stream().filter(a -> a.ok() && a.zxid() == null).count());
            Map<String, TreeMap<Long, ZnodeAccess>> writesByZxid = new HashMap<>();
            okWithZxid.stream().filter(ZnodeAccess::write).forEach(w ->
                    writesByZxid.computeIfAbsent(w.key(), k -> new TreeMap<>()).put(w.zxid(), w));
            checkWriteOrder(okWithZxid, results);
            checkReads(accesses, writesByZxid, results);
            checkSessionOrder(okWithZxid, writesByZxid, results);
            measureStaleness(okWithZxid, results);
            return results.finish(okWithZxid.size() + " operations with zxids kept ZooKeeper's guarantees");
        });
    }

    private static void checkWriteOrder(List<ZnodeAccess> ops, Results results) {
        List<RealTimeOrder.Item<ZnodeAccess>> writes = new ArrayList<>();
        Map<String, List<ZnodeAccess>> byClient = new LinkedHashMap<>();
        for (ZnodeAccess w : ops) {
            if (w.write()) {
                writes.add(new RealTimeOrder.Item<>(w, w.start(), w.end(), w.zxid()));
                byClient.computeIfAbsent(w.client(), c -> new ArrayList<>()).add(w);
            }
        }
        for (RealTimeOrder.Inversion<ZnodeAccess> inv : RealTimeOrder.inversions(writes)) {
            ZnodeAccess a = inv.earlier().payload();
            ZnodeAccess b = inv.later().payload();
            if (!a.client().equals(b.client())) {
                results.add("write-zxid-not-real-time", "client " + b.client() + "'s write of " + b.value()
                        + " invoked at " + at(b.start()) + " got zxid " + hex(b.zxid()) + ", not above zxid "
                        + hex(a.zxid()) + " of client " + a.client() + "'s write of " + a.value()
                        + " that had completed at " + at(a.end()), List.of(b.index(), a.index()),
                        zxidData(b, a));
            }
        }
        for (List<ZnodeAccess> own : byClient.values()) {
            own.sort(Comparator.comparingLong(ZnodeAccess::start));
            for (int i = 1; i < own.size(); i++) {
                ZnodeAccess a = own.get(i - 1);
                ZnodeAccess b = own.get(i);
                if (b.zxid() <= a.zxid()) {
                    results.add("fifo-order-violated", "client " + b.client() + "'s write of " + b.value()
                            + " issued at " + at(b.start()) + " got zxid " + hex(b.zxid()) + ", not above zxid "
                            + hex(a.zxid()) + " of its earlier write of " + a.value() + " issued at "
                            + at(a.start()), List.of(b.index(), a.index()), zxidData(b, a));
                }
            }
        }
    }

    private static void checkReads(List<ZnodeAccess> accesses, Map<String, TreeMap<Long, ZnodeAccess>> writesByZxid,
                                   Results results) {
        Map<String, Map<Object, List<ZnodeAccess>>> writesByValue = new HashMap<>();
        accesses.stream().filter(ZnodeAccess::write).forEach(w -> writesByValue
                .computeIfAbsent(w.key(), k -> new HashMap<>()).computeIfAbsent(w.value(), v -> new ArrayList<>())
                .add(w));
        Map<Call, ZnodeAccess> proven = new HashMap<>();
        for (ZnodeAccess read : accesses) {
            if (read.write() || !read.ok() || read.zxid() == null) {
                continue;
            }
            ZnodeAccess atZxid = writesByZxid.getOrDefault(read.key(), NONE).get(read.zxid());
            List<ZnodeAccess> writers = read.value() == null ? List.of()
                    : writesByValue.getOrDefault(read.key(), Map.of()).getOrDefault(read.value(), List.of());
            List<ZnodeAccess> possible = writers.stream().filter(w -> w.call().outcome() != Operation.Type.FAIL)
                    .toList();
            if (atZxid != null) {
                if (!Objects.equals(atZxid.value(), read.value()) || (atZxid.version() != null
                        && read.version() != null && !atZxid.version().equals(read.version()))) {
                    results.add("read-state-mismatch", what(read) + " (version " + read.version()
                            + "), but the write at that zxid by client " + atZxid.client() + " wrote "
                            + atZxid.value() + " (version " + atZxid.version() + ")",
                            List.of(read.index(), atZxid.index()), zxidData(read, atZxid));
                }
            } else if (read.value() != null && possible.isEmpty()) {
                results.add("read-never-written", what(read) + ", a value " + (writers.isEmpty() ? "no write wrote"
                        : "only a failed write wrote"), indexes(read, writers), zxidData(read));
            } else if (!possible.isEmpty() && possible.stream().allMatch(w -> w.start() > read.end())) {
                results.add("read-from-future", what(read) + ", a value first written at "
                        + at(possible.get(0).start())
                        + ", after the read had completed", indexes(read, possible), zxidData(read, possible.get(0)));
            } else if (possible.size() == 1) {
                matchIndeterminate(read, possible.get(0), writesByZxid, proven, results);
            }
        }
    }

    /**
     * A read saw a value with no ok write at its zxid: the value's write must be indeterminate, and the read proves it
     * happened at that zxid (later rules rely on it); two reads must not place it at different zxids.
     */
    private static void matchIndeterminate(ZnodeAccess read, ZnodeAccess writer,
                                           Map<String, TreeMap<Long, ZnodeAccess>> writesByZxid,
                                           Map<Call, ZnodeAccess> proven, Results results) {
        ZnodeAccess placed = writer.zxid() != null ? writer : proven.get(writer.call());
        if (placed == null) {
            placed = new ZnodeAccess(writer.call(), true, writer.key(), writer.client(), writer.value(),
                    read.zxid(), read.version(), null, false);
            proven.put(writer.call(), placed);
            writesByZxid.computeIfAbsent(read.key(), k -> new TreeMap<>()).putIfAbsent(read.zxid(), placed);
        } else if (!placed.zxid().equals(read.zxid())) {
            results.add("read-state-mismatch", what(read) + ", but that value was written at zxid " + hex(placed.zxid())
                    + " by client " + placed.client() + (placed.ok() ? "" : " (as an earlier read showed)"),
                    List.of(read.index(), placed.index()), zxidData(read, placed));
        }
    }

    private static void checkSessionOrder(List<ZnodeAccess> ops, Map<String, TreeMap<Long, ZnodeAccess>> writesByZxid,
                                          Results results) {
        Map<String, List<ZnodeAccess>> byClient = new LinkedHashMap<>();
        ops.forEach(op -> byClient.computeIfAbsent(op.client(), c -> new ArrayList<>()).add(op));
        for (List<ZnodeAccess> own : byClient.values()) {
            own.sort(Comparator.comparingLong(ZnodeAccess::start));
            ZnodeAccess viewFrom = null;
            long view = Long.MIN_VALUE;
            ZnodeAccess seenFrom = null;
            Map<String, ZnodeAccess> lastOfKey = new HashMap<>();
            for (ZnodeAccess op : own) {
                if (!op.write()) {
                    ZnodeAccess before = lastOfKey.get(op.key());
                    Map.Entry<Long, ZnodeAccess> newer = writesByZxid.getOrDefault(op.key(), NONE)
                            .higherEntry(op.zxid());
                    if (before != null && before.zxid() > op.zxid()) {
                        backwards(op, before, before, results);
                    } else if (viewFrom != null && newer != null && newer.getKey() <= view) {
                        backwards(op, viewFrom, newer.getValue(), results);
                    }
                }
                if (op.seenZxid() != null) {
                    if (seenFrom != null && op.seenZxid() < seenFrom.seenZxid()) {
                        results.add("zxid-went-backwards", "client " + op.client() + "'s session zxid went from "
                                + hex(seenFrom.seenZxid()) + " (" + seenFrom.node() + ", " + at(seenFrom.end())
                                + ") back to " + hex(op.seenZxid()) + " (" + op.node() + ", " + at(op.end()) + ")",
                                List.of(op.index(), seenFrom.index()), data("clients", List.of(op.client()),
                                        "zxids", List.of(op.seenZxid(), seenFrom.seenZxid()),
                                        "nodes", List.of(op.node(), seenFrom.node())));
                    }
                    seenFrom = seenFrom == null || op.seenZxid() >= seenFrom.seenZxid() ? op : seenFrom;
                }
                long seen = Math.max(op.zxid(), op.seenZxid() == null ? Long.MIN_VALUE : op.seenZxid());
                if (seen > view) {
                    view = seen;
                    viewFrom = op;
                }
                lastOfKey.merge(op.key(), op, (a, b) -> b.zxid() >= a.zxid() ? b : a);
            }
        }
    }

    private static void backwards(ZnodeAccess read, ZnodeAccess seen, ZnodeAccess missed, Results results) {
        long seenZxid = Math.max(seen.zxid(), seen.seenZxid() == null ? Long.MIN_VALUE : seen.seenZxid());
        results.add("zxid-went-backwards", "client " + read.client() + "'s read of " + key(read) + " from "
                + read.node() + " at " + at(read.start()) + " returned the state at zxid " + hex(read.zxid())
                + ", although it had already seen zxid " + hex(seenZxid) + " (from " + seen.node() + " at "
                + at(seen.end()) + ") and " + key(read) + " was written at zxid " + hex(missed.zxid())
                + " in between", List.of(read.index(), seen.index(), missed.index()), data(
                "clients", List.of(read.client()),
                "zxids", List.of(read.zxid(), seenZxid, missed.zxid()),
                "nodes", List.of(read.node(), seen.node()),
                "key", read.key()));
    }

    private static void measureStaleness(List<ZnodeAccess> ops, Results results) {
        Map<String, List<ZnodeAccess>> writesByKey = new HashMap<>();
        ops.stream().filter(ZnodeAccess::write).forEach(w ->
                writesByKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w));
        Map<String, Staleness> index = new HashMap<>();
        Histogram versions = new Histogram(2);
        Histogram zxids = new Histogram(2);
        Histogram micros = new Histogram(2);
        long plain = 0;
        long stale = 0;
        long syncReads = 0;
        for (ZnodeAccess read : ops) {
            if (read.write()) {
                continue;
            }
            Staleness.Miss miss = index.computeIfAbsent(read.key(),
                    k -> new Staleness(writesByKey.getOrDefault(k, List.of()))).of(read);
            if (read.sync()) {
                syncReads++;
                if (miss != null) {
                    reportStaleSync(read, miss, results);
                }
                continue;
            }
            plain++;
            stale += miss == null ? 0 : 1;
            versions.recordValue(miss == null ? 0 : Math.max(0, miss.versions()));
            zxids.recordValue(miss == null ? 0 : miss.zxids());
            micros.recordValue(miss == null ? 0 : miss.nanos() / 1000);
        }
        results.stat("plainReads", plain).stat("staleReads", stale).stat("syncReads", syncReads);
        if (plain > 0) {
            results.stat("staleFraction", (double) stale / plain)
                    .stat("versionsBehind", Staleness.percentiles(versions, 1))
                    .stat("zxidsBehind", Staleness.percentiles(zxids, 1))
                    .stat("msBehind", Staleness.percentiles(micros, 1000));
        }
    }

    private static void reportStaleSync(ZnodeAccess read, Staleness.Miss miss, Results results) {
        results.add("stale-sync-read", "client " + read.client() + "'s sync-then-read of " + key(read) + " from "
                + read.node() + " at " + at(read.start()) + " returned zxid " + hex(read.zxid()) + " (version "
                + read.version() + "), " + miss.versions() + " versions behind the write at zxid "
                + hex(miss.newest().zxid()) + " by client " + miss.newest().client() + " that had completed at "
                + at(miss.newest().end()) + ", " + lasting(miss.nanos())
                + " earlier (see ZOOKEEPER-1675 and docs/findings/sync-read-stale-on-leader.md)",
                List.of(read.index(), miss.newest().index()), data(
                "clients", List.of(read.client(), miss.newest().client()),
                "zxids", List.of(read.zxid(), miss.newest().zxid()),
                "versionsBehind", miss.versions(), "msBehind", miss.nanos() / 1e6,
                "intervals", List.of(List.of(read.start(), read.end()),
                        List.of(miss.newest().start(), miss.newest().end()))));
    }

    /** The start of a message about a read (built only when something is reported). */
    private static String what(ZnodeAccess read) {
        return "client " + read.client() + "'s read of " + key(read) + " from " + read.node() + " at "
                + at(read.start()) + " returned " + read.value() + " at zxid " + hex(read.zxid());
    }

    private static String key(ZnodeAccess op) {
        return op.key().isEmpty() ? "the register" : op.key();
    }

    private static List<Long> indexes(ZnodeAccess read, List<ZnodeAccess> writes) {
        List<Long> ops = new ArrayList<>(List.of(read.index()));
        writes.forEach(w -> ops.add(w.index()));
        return ops;
    }

    private static Map<String, Object> zxidData(ZnodeAccess... ops) {
        List<Object> clients = new ArrayList<>();
        List<Object> zxids = new ArrayList<>();
        List<Object> intervals = new ArrayList<>();
        for (ZnodeAccess op : ops) {
            clients.add(op.client());
            zxids.add(op.zxid() == null ? "?" : op.zxid());
            intervals.add(List.of(op.start(), op.end() == Long.MAX_VALUE ? op.start() : op.end()));
        }
        return data("clients", clients, "zxids", zxids, "intervals", intervals, "key", ops[0].key());
    }
}
