package io.chaoskeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line's heap figure follows what stays live, not what the collector has yet to reclaim. */
class HeapAfterGcTest {

    @Test
    void liveDataRaisesItAndFreedDataLowersIt() {
        System.gc();
        long before = Run.heapAfterGcMb();
        byte[][] live = new byte[64][];
        for (int i = 0; i < live.length; i++) {
            live[i] = new byte[1 << 20];
        }
        System.gc();
        long holding = Run.heapAfterGcMb();
        assertThat(live[63]).hasSize(1 << 20); // keeps the 64 MB reachable up to here
        live = null;
        System.gc();
        long after = Run.heapAfterGcMb();

        assertThat(holding - before).as("64 MB held").isBetween(48L, 96L);
        assertThat(holding - after).as("64 MB freed").isGreaterThanOrEqualTo(48L);
    }
}
