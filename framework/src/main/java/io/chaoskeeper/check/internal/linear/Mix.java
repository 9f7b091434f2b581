package io.chaoskeeper.check.internal.linear;

/** 64-bit hash mixing (the murmur3 finaliser) for the search's hash tables. */
final class Mix {

    private Mix() {
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    static int index(long key, int mask) {
        return (int) mix(key) & mask;
    }
}
