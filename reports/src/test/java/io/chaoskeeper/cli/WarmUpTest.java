package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The warm-up runs its pass a minimum number of times, and beyond that for the time it is given; before a history is
 * timed it runs again.
 */
final class WarmUpTest {

    @Test
    void withNoTimeItRunsTheMinimumPasses() {
        AtomicInteger passes = new AtomicInteger();

        assertThat(WarmUp.run(Duration.ZERO, 3, passes::incrementAndGet)).isEqualTo(3);
        assertThat(passes).hasValue(3);
    }

    @Test
    void itGoesOnUntilTheTimeHasGoneBy() {
        AtomicInteger passes = new AtomicInteger();
        long start = System.nanoTime();

        int ran = WarmUp.run(Duration.ofMillis(50), 1, () -> {
            passes.incrementAndGet();
            sleepOneMillisecond();
        });

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(ran).isEqualTo(passes.get()).isGreaterThan(1);
    }

    @Test
    void beforeTimingAHistoryItChecksItAgainForATenthOfASecondUnlessWarmUpIsOff() {
        AtomicInteger passes = new AtomicInteger();
        long start = System.nanoTime();

        int ran = WarmUp.again(WarmUp.DEFAULT, () -> {
            passes.incrementAndGet();
            sleepOneMillisecond();
        });

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(ran).isEqualTo(passes.get()).isGreaterThan(5);
        assertThat(WarmUp.again(Duration.ZERO, passes::incrementAndGet)).isZero();
    }

    private static void sleepOneMillisecond() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
