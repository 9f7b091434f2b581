package io.chaoskeeper.check.internal.linear;

/**
 * A bounded memo from long keys to int values (no boxing) for answers the search can always compute again: model
 * transitions and {@link io.chaoskeeper.check.Model#canStillFit} answers. Two-way set-associative: a key sits in
 * one of the two slots of its set, the one stored last first. The table doubles while more than half its slots are
 * taken, up to a maximum; after that a new key replaces the older entry of its set.
 *
 * <p>Why bounded: on kv searches with millions of states an exact map held about three transitions and as many
 * answers a state at 24–48 bytes each, more than the memo itself, and doubling it held the old and the new table at
 * once. What such a search asks again is mostly what it stored recently, which a bounded table keeps; forgetting the
 * rest costs a model step, never a verdict. Histories with few states never reach the bound. The arrays are
 * charged to the search's {@link Account} at their capacity, both while the table doubles.
 */
final class LongIntCache {

    private final Account account;
    private final int maxSlots;
    private long[] keys = new long[64]; // key + 1; 0 marks an empty slot (small at first: a cache per part)
    private int[] values = new int[64];
    private int taken;

    /** A cache of at most {@code maxSlots} entries (a power of two, at least 64). */
    LongIntCache(Account account, int maxSlots) {
        this.account = account;
        this.maxSlots = maxSlots;
        account.charge(bytes(keys.length));
    }

    /** The value stored for {@code key}, or {@code missing}. */
    int get(long key, int missing) {
        long k = key + 1;
        int i = set(k, keys.length);
        if (keys[i] == k) {
            return values[i];
        }
        return keys[i + 1] == k ? values[i + 1] : missing;
    }

    /**
     * Stores a value for a key {@link #get} did not find.
     *
     * @throws Budget.Exhausted when the memory budget runs out
     */
    void put(long key, int value) {
        if (2 * (taken + 1) > keys.length && keys.length < maxSlots) {
            grow();
        }
        store(key + 1, value);
    }

    /** Puts {@code k} first in its set, moving the other entry second and dropping the one that was second. */
    private void store(long k, int value) {
        int i = set(k, keys.length);
        if (keys[i + 1] == 0) {
            taken++;
        }
        keys[i + 1] = keys[i];
        values[i + 1] = values[i];
        keys[i] = k;
        values[i] = value;
    }

    private static int set(long k, int slots) {
        return Mix.index(k, slots - 1) & ~1;
    }

    private static long bytes(int slots) {
        return Footprint.array(8, slots) + Footprint.array(4, slots);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        account.charge(bytes(oldKeys.length * 2));
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        taken = 0;
        for (int i = oldKeys.length - 1; i >= 0; i--) { // the second of each set first, so the first stays first
            if (oldKeys[i] != 0) {
                store(oldKeys[i], oldValues[i]);
            }
        }
        account.release(bytes(oldKeys.length));
    }
}
