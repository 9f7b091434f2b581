package io.chaoskeeper.check.internal.linear;

import java.util.Arrays;

/**
 * The configurations the search has explored, each (determinate calls linearized, indeterminate calls linearized,
 * model state), all of which failed or are being explored. Lowe's memoisation with one refinement for indeterminate
 * calls: a configuration is <em>dominated</em> by an explored one with the same determinate calls and state and a
 * subset of its indeterminate calls, because an indeterminate call may always be left out; the dominated one cannot
 * succeed where the other did not. Without it, every subset of timed-out calls would be explored separately.
 *
 * <p>Hashes come from the caller (Zobrist hashing of the determinate set, O(1) per step). Entries with the same
 * hash are chained.
 */
final class Memo {

    private final Budget budget;
    // Small at first: most parts of a history need few entries, and a check makes one memo per part.
    private int[] buckets = new int[1 << 7]; // entry + 1, 0 empty
    private int[] chain = new int[1 << 6];   // next entry in the bucket + 1
    private long[] hashes = new long[1 << 6];
    private int[] states = new int[1 << 6];
    private long[][] determinate = new long[1 << 6][];
    private long[][] indeterminate = new long[1 << 6][];
    private int size;

    Memo(Budget budget) {
        this.budget = budget;
    }

    /**
     * Adds a configuration unless an explored one dominates it; true if added.
     *
     * @throws Budget.Exhausted when the memory budget runs out
     */
    boolean add(long[] det, long[] indet, long hash, int state) {
        int bucket = (int) hash & (buckets.length - 1);
        for (int e = buckets[bucket] - 1; e >= 0; e = chain[e] - 1) {
            if (hashes[e] == hash && states[e] == state && Arrays.equals(determinate[e], det)
                    && subset(indeterminate[e], indet)) {
                return false;
            }
        }
        budget.charge(det.length * 8L + indet.length * 8L + 96);
        if (size == states.length) {
            int grown = size * 2;
            chain = Arrays.copyOf(chain, grown);
            hashes = Arrays.copyOf(hashes, grown);
            states = Arrays.copyOf(states, grown);
            determinate = Arrays.copyOf(determinate, grown);
            indeterminate = Arrays.copyOf(indeterminate, grown);
        }
        hashes[size] = hash;
        states[size] = state;
        determinate[size] = det.clone();
        indeterminate[size] = indet.clone();
        chain[size] = buckets[bucket];
        buckets[bucket] = ++size;
        if (size > buckets.length) {
            rehash();
        }
        return true;
    }

    private static boolean subset(long[] small, long[] large) {
        for (int w = 0; w < small.length; w++) {
            if ((small[w] & ~large[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return size;
    }

    long[] determinate(int entry) {
        return determinate[entry];
    }

    long[] indeterminate(int entry) {
        return indeterminate[entry];
    }

    int state(int entry) {
        return states[entry];
    }

    private void rehash() {
        buckets = new int[buckets.length * 2];
        int mask = buckets.length - 1;
        for (int e = 0; e < size; e++) {
            int bucket = (int) hashes[e] & mask;
            chain[e] = buckets[bucket];
            buckets[bucket] = e + 1;
        }
    }
}
