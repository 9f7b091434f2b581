package io.chaoskeeper.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomFaultScheduleTest {

    private static final List<String> FIVE = List.of("zk1", "zk2", "zk3", "zk4", "zk5");

    private static RandomFaultSchedule mixed() {
        return FaultSchedules.random()
                .every(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .lasting(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .mix(Faults.partitionRandomHalves(), 2)
                .mix(Faults.killRandom(), 1)
                .mix(Faults.pause(Targets.minority()), 1)
                .mix(Faults.partitionMajoritiesRing(), 1)
                .mix(Faults.isolateLeader(), 1);
    }

    private static List<FaultDecision> take(Iterator<FaultDecision> decisions, int n) {
        List<FaultDecision> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(decisions.next());
        }
        return taken;
    }

    @Test
    void sameSeedAndSizeGiveTheSameDecisions() {
        List<FaultDecision> first = take(mixed().decisions(FIVE, 42), 200);
        List<FaultDecision> second = take(mixed().decisions(FIVE, 42), 200);
        assertThat(second).isEqualTo(first);
        // and the decisions are really random: several kinds, several target sets
        assertThat(first.stream().map(d -> d.fault().kind()).distinct()).hasSizeGreaterThan(2);
        assertThat(first.stream().map(d -> d.fault().targets()).distinct()).hasSizeGreaterThan(5);
    }

    @Test
    void aDenserScheduleStartsFaultsMoreOftenAndKeepsHowLongEachLasts() {
        List<FaultDecision> plain = take(FaultSchedules.random().every(Duration.ofSeconds(8))
                .mix(Faults.killRandom(), 1).decisions(FIVE, 3), 4);
        List<FaultDecision> denser = take(FaultSchedules.random().every(Duration.ofSeconds(8)).denser(2)
                .mix(Faults.killRandom(), 1).decisions(FIVE, 3), 4);

        assertThat(plain).extracting(FaultDecision::at).containsExactly(Duration.ofSeconds(8), Duration.ofSeconds(16),
                Duration.ofSeconds(24), Duration.ofSeconds(32));
        assertThat(denser).extracting(FaultDecision::at).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(12),
                Duration.ofSeconds(16), Duration.ofSeconds(24));
        assertThatThrownBy(() -> FaultSchedules.random().denser(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherSeedsGiveOtherDecisions() {
        assertThat(take(mixed().decisions(FIVE, 43), 50)).isNotEqualTo(take(mixed().decisions(FIVE, 42), 50));
    }

    @Test
    void oneAtATimeHealsBeforeTheNextStartsAndWaitsTheInterval() {
        List<FaultDecision> decisions = take(mixed().oneAtATime().decisions(FIVE, 7), 100);
        Duration lastStop = Duration.ZERO;
        for (int i = 0; i < decisions.size(); i += 2) {
            FaultDecision start = decisions.get(i);
            FaultDecision stop = decisions.get(i + 1);
            assertThat(start.start()).isTrue();
            assertThat(stop.start()).isFalse();
            assertThat(stop.id()).isEqualTo(start.id());
            assertThat(stop.fault()).isEqualTo(start.fault());
            assertThat(start.at().minus(lastStop)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(stop.at().minus(start.at())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
            lastStop = stop.at();
        }
    }

    @Test
    void overlappingKeepsTimeOrderAndTheCap() {
        List<FaultDecision> decisions = take(FaultSchedules.random()
                .every(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .lasting(Duration.ofSeconds(3), Duration.ofSeconds(9))
                .mix(Faults.isolateRandom(), 1)
                .overlapping(3)
                .decisions(FIVE, 11), 300);
        Set<Long> active = new HashSet<>();
        int maxSeen = 0;
        Duration previous = Duration.ZERO;
        for (FaultDecision d : decisions) {
            assertThat(d.at()).isGreaterThanOrEqualTo(previous);
            previous = d.at();
            if (d.start()) {
                assertThat(active.add(d.id())).isTrue();
            } else {
                assertThat(active.remove(d.id())).as("stop %s pairs with a start", d.id()).isTrue();
            }
            maxSeen = Math.max(maxSeen, active.size());
        }
        assertThat(maxSeen).isEqualTo(3);
    }

    @Test
    void weightsDecideHowOftenEachFaultIsPicked() {
        List<FaultDecision> starts = take(FaultSchedules.random().every(Duration.ofSeconds(1))
                .mix(Faults.killRandom(), 3).mix(Faults.pauseLeader(), 1).decisions(FIVE, 5), 4000)
                .stream().filter(FaultDecision::start).toList();
        long kills = starts.stream().filter(d -> d.fault() instanceof Kill).count();
        assertThat((double) kills / starts.size()).isBetween(0.70, 0.80);
    }

    @Test
    void fixedIntervalIsExact() {
        List<FaultDecision> d = take(FaultSchedules.random().every(Duration.ofSeconds(4))
                .mix(Faults.killRandom(), 1).decisions(FIVE, 1), 4);
        assertThat(d).extracting(FaultDecision::at).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(12), Duration.ofSeconds(16));
    }

    @Test
    void aScheduleWithoutFaultsOrWithBadRangesIsRejectedClearly() {
        assertThatThrownBy(() -> FaultSchedules.random().decisions(FIVE, 1))
                .hasMessageContaining("mix(fault, weight)");
        assertThatThrownBy(() -> FaultSchedules.random().every(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSchedules.random().mix(Faults.killRandom(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
