package io.chaoskeeper.check.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a rank (a fencing token, a zxid) disagrees with real time: an item that completed before another
 * was invoked must have the smaller rank.
 *
 * <p>One sweep, O(n log n), no search: items ordered by start are matched against the highest rank among the items
 * that had already ended; if that rank is not below the item's own, the pair is an inversion. Only items known to
 * have happened (ok completions) may be given, so every inversion reported is certain.
 */
public final class RealTimeOrder {

    /** Something that happened between {@code start} and {@code end} and was given {@code rank}. */
    public record Item<T>(T payload, long start, long end, long rank) {
    }

    /** {@code earlier} ended before {@code later} started, yet its rank is not smaller. */
    public record Inversion<T>(Item<T> earlier, Item<T> later) {
    }

    private RealTimeOrder() {
    }

    /** For each item whose rank is too low, the inversion with the highest-ranked item that ended before it. */
    public static <T> List<Inversion<T>> inversions(List<Item<T>> items) {
        List<Item<T>> byEnd = new ArrayList<>(items);
        byEnd.sort(Comparator.comparingLong(Item::end));
        List<Item<T>> byStart = new ArrayList<>(items);
        byStart.sort(Comparator.comparingLong(Item::start));
        List<Inversion<T>> found = new ArrayList<>();
        Item<T> highest = null;
        int ended = 0;
        for (Item<T> item : byStart) {
            while (ended < byEnd.size() && byEnd.get(ended).end() < item.start()) {
                Item<T> done = byEnd.get(ended++);
                if (highest == null || done.rank() > highest.rank()) {
                    highest = done;
                }
            }
            if (highest != null && highest.rank() >= item.rank()) {
                found.add(new Inversion<>(highest, item));
            }
        }
        return found;
    }
}
