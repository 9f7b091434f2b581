package io.chaoskeeper.check.internal.linear;

/**
 * The configurations the search has already explored: (set of linearized calls as a bitset, model state id).
 * Reaching a configuration twice means the second time cannot succeed where the first did not (Lowe's memoisation).
 * Hashes are precomputed by the caller (Zobrist hashing of the bitset, updated in O(1) per call).
 */
final class Memo {

    private final int words;
    private final long maxEntries;
    private long[] hashes = new long[1 << 12];
    private int[] slots = new int[1 << 12]; // entry + 1; 0 marks an empty slot
    private long[][] bits = new long[1 << 11][];
    private int[] states = new int[1 << 11];
    private int size;

    Memo(int words, long maxEntries) {
        this.words = words;
        this.maxEntries = maxEntries;
    }

    /**
     * Adds a configuration; false if it was already there.
     *
     * @throws Budget.Exhausted when the memo is full
     */
    boolean add(long[] linearized, long hash, int state) {
        int mask = slots.length - 1;
        int i = (int) hash & mask;
        for (; slots[i] != 0; i = (i + 1) & mask) {
            int e = slots[i] - 1;
            if (hashes[i] == hash && states[e] == state && java.util.Arrays.equals(bits[e], linearized)) {
                return false;
            }
        }
        if (size >= maxEntries) {
            throw new Budget.Exhausted("the memory limit ran out after " + size + " configurations (raise it with"
                    + " a memory limit or -Xmx)");
        }
        if (size == bits.length) {
            bits = java.util.Arrays.copyOf(bits, size * 2);
            states = java.util.Arrays.copyOf(states, size * 2);
        }
        bits[size] = linearized.clone();
        states[size] = state;
        hashes[i] = hash;
        slots[i] = ++size;
        if (2 * size > slots.length) {
            rehash();
        }
        return true;
    }

    int size() {
        return size;
    }

    int words() {
        return words;
    }

    long[] bits(int entry) {
        return bits[entry];
    }

    int state(int entry) {
        return states[entry];
    }

    private void rehash() {
        long[] oldHashes = hashes;
        int[] oldSlots = slots;
        hashes = new long[oldSlots.length * 2];
        slots = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != 0) {
                int i = (int) oldHashes[j] & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                slots[i] = oldSlots[j];
            }
        }
    }
}
