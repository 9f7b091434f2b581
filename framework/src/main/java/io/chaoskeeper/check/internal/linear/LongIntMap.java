package io.chaoskeeper.check.internal.linear;

/** An open-addressing map from long to int (no boxing): the search's memo of model transitions. */
final class LongIntMap {

    private long[] keys = new long[64]; // key + 1; 0 marks an empty slot (small at first: one map per part)
    private int[] values = new int[64];
    private int size;

    /** The value for {@code key}, or {@code missing}. */
    int get(long key, int missing) {
        long k = key + 1;
        int mask = keys.length - 1;
        for (int i = Mix.index(k, mask); ; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return values[i];
            }
            if (keys[i] == 0) {
                return missing;
            }
        }
    }

    /** Stores a value for a key not yet present. */
    void put(long key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(key + 1, value);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(long k, int value) {
        int mask = keys.length - 1;
        int i = Mix.index(k, mask);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }
}
