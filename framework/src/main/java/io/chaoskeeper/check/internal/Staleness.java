package io.chaoskeeper.check.internal;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How far behind a read was: the newest ok write of its znode that had certainly completed before the read began,
 * against the write it saw (by mzxid). Only ok writes count, so a read is called stale only when it certainly missed
 * a committed write.
 */
public final class Staleness {

    /**
     * What a read missed.
     *
     * @param newest      the newest write certainly completed before the read began
     * @param firstMissed the earliest-completed write the read missed
     * @param versions    how many writes it missed
     * @param zxids       zxid distance between what it saw and the newest write
     * @param nanos       how long the first missed write had been completed when the read began
     */
    public record Miss(ZnodeAccess newest, ZnodeAccess firstMissed, long versions, long zxids, long nanos) {
    }

    private final List<ZnodeAccess> byEnd;
    private final List<ZnodeAccess> newestByEnd = new ArrayList<>();
    private final NavigableMap<Long, ZnodeAccess> byZxid = new TreeMap<>();

    /** An index of the ok writes (with zxid) of one znode. */
    public Staleness(List<ZnodeAccess> okWrites) {
        byEnd = new ArrayList<>(okWrites);
        byEnd.sort(Comparator.comparingLong(ZnodeAccess::end));
        ZnodeAccess newest = null;
        for (ZnodeAccess w : byEnd) {
            newest = newest == null || w.zxid() > newest.zxid() ? w : newest;
            newestByEnd.add(newest);
            byZxid.put(w.zxid(), w);
        }
    }

    /** What the read (ok, with zxid) missed, or null when it saw the newest completed write or later. */
    public Miss of(ZnodeAccess read) {
        int lo = 0;
        int hi = byEnd.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byEnd.get(mid).end() < read.start()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0 || newestByEnd.get(lo - 1).zxid() <= read.zxid()) {
            return null;
        }
        ZnodeAccess newest = newestByEnd.get(lo - 1);
        NavigableMap<Long, ZnodeAccess> missed = byZxid.subMap(read.zxid(), false, newest.zxid(), true);
        ZnodeAccess first = null;
        for (ZnodeAccess w : missed.values()) {
            first = first == null || w.end() < first.end() ? w : first;
        }
        long versions = newest.version() != null && read.version() != null ? newest.version() - read.version()
                : missed.size();
        return new Miss(newest, first, versions, newest.zxid() - read.zxid(), read.start() - first.end());
    }

    /** p50, p90, p99 and max of a histogram, for stats. */
    public static Map<String, Object> percentiles(Histogram h, double scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99}) {
            m.put("p" + (int) p, h.getValueAtPercentile(p) / scale);
        }
        m.put("max", h.getMaxValue() / scale);
        return m;
    }
}
