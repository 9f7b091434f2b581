package io.chaoskeeper.run;

import io.chaoskeeper.junit.internal.ChaosConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One duration parser, the same answers for the command line and the JUnit settings. */
class DurationsTest {

    @Test
    void everyAcceptedForm() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse(" 30 s ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("0ms")).isZero();
    }

    @Test
    void negativeDurationsAreRejectedInEveryForm() {
        for (String negative : List.of("-5s", "-5", "-PT3S", "PT-3S", "-1ms")) {
            assertThatThrownBy(() -> Durations.parse(negative)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + negative + "' is negative; a duration must be 0 or more");
        }
        assertThatThrownBy(() -> Durations.parse("soon"))
                .hasMessage("'soon' is not a duration such as 30s, 500ms, 2m or PT30S");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("9999999999999999h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parsePositive("0s")).hasMessage("'0s' is zero; the duration must be more than 0");
    }

    @Test
    void theJunitSettingsAgreeWithTheParser() {
        for (String text : List.of("-5s", "-PT3S", "0s", "soon", "5s", "PT2M", "250ms", "7")) {
            Optional<Duration> parsed;
            try {
                parsed = Optional.of(Durations.parsePositive(text));
            } catch (IllegalArgumentException e) {
                parsed = Optional.empty();
            }
            Optional<Duration> setting;
            try {
                setting = Optional.of(ChaosConfig.from(k -> Optional.ofNullable(Map.of(ChaosConfig.DURATION, text)
                        .get(k))).duration());
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessage("chaoskeeper.duration must be a positive duration like 30s, 500ms, 2m or"
                        + " PT30S, not '" + text + "'.");
                setting = Optional.empty();
            }
            assertThat(setting).as(text).isEqualTo(parsed);
        }
    }
}
