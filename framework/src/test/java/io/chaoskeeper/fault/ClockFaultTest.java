package io.chaoskeeper.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockFaultTest {

    private static final List<String> NODES = List.of("zk1", "zk2", "zk3", "zk4", "zk5");

    @Test
    void aShiftIsAClockFaultWithoutAStrobePeriod() {
        ClockFault fault = Faults.clockShift(Targets.named("zk2"), Duration.ofHours(-1));
        assertThat(fault.kind()).isEqualTo("clock");
        assertThat(fault.isStrobe()).isFalse();
        assertThat(fault.targets()).containsExactly("zk2");
        assertThat(fault.parameters()).isEqualTo(Map.of("nodes", "[zk2]", "shiftMs", -3_600_000L));
    }

    @Test
    void aStrobeRecordsItsPeriod() {
        ClockFault fault = Faults.clockStrobe(Targets.all(), Duration.ofSeconds(5), Duration.ofMillis(250));
        assertThat(fault.isStrobe()).isTrue();
        assertThat(fault.parameters()).containsExactly(Map.entry("nodes", "all"), Map.entry("shiftMs", 5000L),
                Map.entry("strobePeriodMs", 250L));
    }

    @Test
    void randomTargetsResolveLikeTheSameSeedAndTheLeaderOnlyWhenKnown() {
        ClockFault random = Faults.clockShift(Targets.random(2), Duration.ofMinutes(1));
        ClockFault first = random.resolve(NODES, new Random(7));
        assertThat(first.targets()).hasSize(2).isSubsetOf(NODES);
        assertThat(random.resolve(NODES, new Random(7))).isEqualTo(first);
        assertThat(first.shift()).isEqualTo(Duration.ofMinutes(1));

        ClockFault leader = Faults.clockStrobe(Targets.leader(), Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(leader.needsLeader()).isTrue();
        ClockFault resolved = leader.resolve(NODES, new Random(1));
        assertThat(resolved.needsLeader()).isTrue();
        ClockFault bound = resolved.withLeader("zk4", NODES);
        assertThat(bound.needsLeader()).isFalse();
        assertThat(bound.targets()).containsExactly("zk4");
        assertThat(bound.strobePeriod()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void impossibleShiftsAreRejectedWhenBuilt() {
        Targets zk1 = Targets.named("zk1");
        assertThatThrownBy(() -> Faults.clockShift(zk1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero changes nothing");
        assertThatThrownBy(() -> Faults.clockShift(zk1, Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> Faults.clockShift(zk1, Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit in milliseconds");
        assertThatThrownBy(() -> Faults.clockStrobe(zk1, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Faults.clockStrobe(zk1, Duration.ofSeconds(1), Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Faults.clockStrobe(zk1, Duration.ofSeconds(1), Duration.ofNanos(1_000_001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> Faults.clockStrobe(zk1, Duration.ofSeconds(1), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> Faults.clockShift(Targets.named("zk9"), Duration.ofSeconds(1))
                .resolve(NODES, new Random())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown node");
    }
}
