package io.chaoskeeper.cluster.internal.clock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockSpecTest {

    @Test
    void linesRoundTrip() {
        assertThat(ClockSpec.parse("shift 3600000")).isEqualTo(new ClockSpec(3_600_000, 0));
        assertThat(ClockSpec.parse("  strobe -5000   250 ")).isEqualTo(new ClockSpec(-5000, 250));
        assertThat(new ClockSpec(-5000, 250).format()).isEqualTo("strobe -5000 250");
        assertThat(ClockSpec.NONE.format()).isEqualTo("shift 0");
        assertThat(ClockSpec.parse(ClockSpec.NONE.format())).isEqualTo(ClockSpec.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "shift", "shift 1h", "shift 1 2", "strobe 5000", "strobe 5000 0",
            "strobe 5000 -1", "jump 5", "shift 99999999999999999999"})
    void malformedLinesAreRejectedNamingTheLine(String line) {
        assertThatThrownBy(() -> ClockSpec.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + line + "'");
    }

    @Test
    void aSteadyShiftIsTheSameAtAnyTime() {
        ClockSpec spec = new ClockSpec(-42, 0);
        assertThat(spec.offsetAt(0)).isEqualTo(-42);
        assertThat(spec.offsetAt(Long.MAX_VALUE)).isEqualTo(-42);
        assertThat(ClockSpec.NONE.offsetAt(123_456_789)).isZero();
    }

    @ParameterizedTest(name = "{0} ns after reading: {1} ms")
    @CsvSource({
            "-5, 5000",             // a reading taken a hair before the spec's own timestamp: first phase
            "0, 5000",
            "249999999, 5000",      // last nanosecond of the first period
            "250000000, 0",         // the second period: true time
            "499999999, 0",
            "500000000, 5000",      // the third: shifted again
            "1000000000, 5000",     // period 4 counted from 0
            "1250000000, 0"})
    void aStrobeAlternatesEveryPeriodStartingWithTheShift(long elapsedNanos, long offset) {
        assertThat(new ClockSpec(5000, 250).offsetAt(elapsedNanos)).isEqualTo(offset);
    }
}
