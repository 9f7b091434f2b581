package io.chaoskeeper.evidence.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * Whether a server's log explains the digest mismatches it counted during a run: the run's count must be made up
 * exactly of the log's last episodes, each a snapshot-sync window ({@link DigestLog.Episode#inSnapshotSync}). The
 * one exception is the newest window's tail, which ZooKeeper logs only at the next match: a remainder is accepted
 * when it still fits inside that window.
 *
 * @param explained whether every mismatch of the run is explained
 * @param windows   the explaining windows, for {@code checks.json}: node, snapshot, first, last, count
 * @param reason    why not, when not explained
 */
record DigestExplanation(boolean explained, List<Map<String, Object>> windows, String reason) {

    /** Explains {@code inRun} mismatches of a server from its copied log (empty: it was not copied). */
    static DigestExplanation of(String node, Optional<Path> log, long inRun) {
        if (log.isEmpty()) {
            return no("its log was not copied");
        }
        List<DigestLog.Episode> episodes;
        try {
            episodes = DigestLog.read(log.get());
        } catch (IllegalStateException e) {
            return no(e.getMessage());
        }
        if (episodes.isEmpty()) {
            return no(inRun + " were never logged");
        }
        DigestLog.Episode newest = episodes.get(episodes.size() - 1);
        // how many unlogged mismatches still fit in the newest window: ZooKeeper logs its tail at the next match
        long tailRoom = newest.inSnapshotSync() ? newest.syncEnd() - newest.last() : 0;
        List<Map<String, Object>> windows = new ArrayList<>();
        long logged = 0;
        for (int i = episodes.size() - 1; i >= 0 && logged < inRun; i--) {
            DigestLog.Episode e = episodes.get(i);
            if (!e.inSnapshotSync()) {
                return no("mismatches from zxid " + hex(e.first()) + " to " + hex(e.last()) + " were counted "
                        + (e.snapshot() == null ? "outside any snapshot sync" : "beyond the snapshot sync at "
                        + hex(e.snapshot())));
            }
            logged += e.count();
            windows.add(window(node, e, e.count()));
            long unlogged = inRun - logged;
            if (unlogged >= 0 && unlogged <= tailRoom) {
                if (unlogged > 0) { // the newest window, listed first, with its tail
                    windows.set(0, window(node, newest, newest.count() + unlogged));
                }
                return new DigestExplanation(true, windows, null);
            }
        }
        return no(logged < inRun ? (inRun - logged) + " were never logged"
                : "the log's windows do not add up to the count");
    }

    /** One line for a summary: who counted how many in which sync. */
    static String describe(List<Map<String, Object>> windows) {
        return windows.stream().map(w -> w.get("node") + " counted " + w.get("count") + " while loading its leader's"
                + " snapshot " + w.get("snapshot")).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> window(String node, DigestLog.Episode e, long count) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("node", node);
        w.put("snapshot", hex(e.snapshot()));
        w.put("first", hex(e.first()));
        w.put("last", hex(e.first() + count - 1));
        w.put("syncEnd", hex(e.syncEnd()));
        w.put("count", count);
        return w;
    }

    private static DigestExplanation no(String reason) {
        return new DigestExplanation(false, List.of(), reason);
    }
}
