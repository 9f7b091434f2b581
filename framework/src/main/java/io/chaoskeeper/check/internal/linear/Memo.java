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
 *
 * <p>The memo is most of what a long search keeps, so entries are packed into pages instead of an object each:
 * entry {@code e}'s two bitsets lie side by side in a {@code long[]} page and its hash (the low 32 bits, which pick
 * the bucket), state and chain link in an {@code int[]} page. Two array headers and two references an entry took
 * more than the bits of a 190-call part. Full pages are never copied, so growing holds no second copy of the memo;
 * only the first page grows by doubling (most parts need few entries, and a check makes a memo per part). A page
 * holds up to 4,096 entries and at most about 256 KiB of bits, so a part of many calls does not grow by tens of
 * megabytes at a time. Every page and bucket table is charged to the search's {@link Account} as it is allocated.
 */
final class Memo {

    private static final int FIRST = 64;
    private static final int PAGE_WORDS = 1 << 15;
    private static final int HASH = 0;
    private static final int STATE = 1;
    private static final int CHAIN = 2; // next entry in the bucket + 1
    private static final int INTS = 3;

    private final Account account;
    private final int detWords;
    private final int words;
    private final int pageBits; // entries a page: 64 to 4,096
    private final int inPage;
    private long[][] bits = new long[4][];
    private int[][] ints = new int[4][];
    private int capacity; // entries the allocated pages hold
    private int[] buckets = new int[FIRST * 2]; // entry + 1, 0 empty
    private int size;

    /** A memo for configurations of {@code detWords} and {@code indWords} words of bits. */
    Memo(Account account, int detWords, int indWords) {
        this.account = account;
        this.detWords = detWords;
        this.words = detWords + indWords;
        int fit = 31 - Integer.numberOfLeadingZeros(Math.max(1, PAGE_WORDS / Math.max(1, words)));
        this.pageBits = Math.max(6, Math.min(12, fit));
        this.inPage = (1 << pageBits) - 1;
        account.charge(Footprint.array(4, buckets.length) + Footprint.array(4, bits.length)
                + Footprint.array(4, ints.length));
    }

    /**
     * Adds a configuration unless an explored one dominates it; true if added.
     *
     * @throws Budget.Exhausted when the memory budget runs out
     */
    boolean add(long[] det, long[] indet, long hash, int state) {
        int h = (int) hash;
        int bucket = h & (buckets.length - 1);
        for (int e = buckets[bucket] - 1; e >= 0; ) {
            int[] meta = ints[e >>> pageBits];
            int m = (e & inPage) * INTS;
            if (meta[m + HASH] == h && meta[m + STATE] == state) {
                long[] page = bits[e >>> pageBits];
                int b = (e & inPage) * words;
                if (Arrays.equals(page, b, b + detWords, det, 0, detWords)
                        && subset(page, b + detWords, indet)) {
                    return false;
                }
            }
            e = meta[m + CHAIN] - 1;
        }
        if (size == capacity) {
            grow();
        }
        int[] meta = ints[size >>> pageBits];
        int m = (size & inPage) * INTS;
        meta[m + HASH] = h;
        meta[m + STATE] = state;
        meta[m + CHAIN] = buckets[bucket];
        int b = (size & inPage) * words;
        long[] page = bits[size >>> pageBits];
        System.arraycopy(det, 0, page, b, detWords);
        System.arraycopy(indet, 0, page, b + detWords, words - detWords);
        buckets[bucket] = ++size;
        if (size > buckets.length) {
            rehash();
        }
        return true;
    }

    /** Whether the indeterminate bits stored at {@code page[from...]} are a subset of {@code large}. */
    private boolean subset(long[] page, int from, long[] large) {
        for (int w = 0; w < words - detWords; w++) {
            if ((page[from + w] & ~large[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return size;
    }

    int state(int entry) {
        return ints[entry >>> pageBits][(entry & inPage) * INTS + STATE];
    }

    /**
     * Whether entry {@code e}'s determinate bits include all of {@code mustDet} and nothing outside
     * {@code allowedDet}, and likewise its indeterminate bits.
     */
    boolean within(int entry, long[] mustDet, long[] allowedDet, long[] mustInd, long[] allowedInd) {
        long[] page = bits[entry >>> pageBits];
        int b = (entry & inPage) * words;
        for (int w = 0; w < words; w++) {
            long v = page[b + w];
            long must = w < detWords ? mustDet[w] : mustInd[w - detWords];
            long allowed = w < detWords ? allowedDet[w] : allowedInd[w - detWords];
            if ((v & must) != must || (v & ~allowed) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Room for more entries: the first page doubles up to a full page, after that a new full page. */
    private void grow() {
        int page = size >>> pageBits;
        int entries = page == 0 ? (capacity == 0 ? FIRST : capacity * 2) : 1 << pageBits;
        if (page == bits.length) {
            account.charge(2 * Footprint.array(4, page * 2L));
            bits = Arrays.copyOf(bits, page * 2);
            ints = Arrays.copyOf(ints, page * 2);
            account.release(2 * Footprint.array(4, page));
        }
        account.charge(Footprint.array(8, (long) entries * words) + Footprint.array(4, (long) entries * INTS));
        long[] newBits = new long[entries * words];
        int[] newInts = new int[entries * INTS];
        if (page == 0 && capacity > 0) {
            System.arraycopy(bits[0], 0, newBits, 0, capacity * words);
            System.arraycopy(ints[0], 0, newInts, 0, capacity * INTS);
            account.release(Footprint.array(8, (long) capacity * words) + Footprint.array(4, (long) capacity * INTS));
        }
        bits[page] = newBits;
        ints[page] = newInts;
        capacity = (page << pageBits) + entries;
    }

    private void rehash() {
        account.charge(Footprint.array(4, buckets.length * 2L));
        account.release(Footprint.array(4, buckets.length));
        buckets = new int[buckets.length * 2];
        int mask = buckets.length - 1;
        for (int e = 0; e < size; e++) {
            int[] meta = ints[e >>> pageBits];
            int m = (e & inPage) * INTS;
            int bucket = meta[m + HASH] & mask;
            meta[m + CHAIN] = buckets[bucket];
            buckets[bucket] = e + 1;
        }
    }
}
