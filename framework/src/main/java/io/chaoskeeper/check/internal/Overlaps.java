package io.chaoskeeper.check.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the pairs of intervals of different owners that overlap in time (critical sections, leaderships).
 *
 * <p>A sweep over the intervals by start time keeps the ones still open; each new interval overlaps exactly the open
 * ones that end after it starts. O(n log n + overlaps).
 */
public final class Overlaps {

    /** {@code owner} held something from {@code start} to {@code end} (ns). */
    public record Interval<T>(T payload, String owner, long start, long end) {
    }

    /** Two intervals of different owners that share {@code [start, end)}. */
    public record Overlap<T>(Interval<T> first, Interval<T> second, long start, long end) {

        /** How long the overlap lasted, in ns. */
        public long length() {
            return end - start;
        }
    }

    private Overlaps() {
    }

    /** All overlapping pairs of different owners, by the start of the later interval. */
    public static <T> List<Overlap<T>> find(List<Interval<T>> intervals) {
        List<Interval<T>> byStart = new ArrayList<>(intervals);
        byStart.sort(Comparator.comparingLong(Interval::start));
        List<Interval<T>> open = new ArrayList<>();
        List<Overlap<T>> found = new ArrayList<>();
        for (Interval<T> next : byStart) {
            open.removeIf(i -> i.end() <= next.start());
            for (Interval<T> held : open) {
                if (!held.owner().equals(next.owner()) && next.end() > next.start()) {
                    found.add(new Overlap<>(held, next, next.start(), Math.min(held.end(), next.end())));
                }
            }
            open.add(next);
        }
        return found;
    }
}
