package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChaosConfigTest {

    private static ChaosConfig of(Map<String, String> values) {
        return ChaosConfig.from(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        ChaosConfig config = of(Map.of());

        assertThat(config.seed()).isNull();
        assertThat(config.duration()).isNull();
        assertThat(config.version()).isNull();
        assertThat(config.outputDir()).isEqualTo(Path.of("target/chaoskeeper-runs"));
        assertThat(config.dockerMissing()).isEqualTo(ChaosConfig.DockerMissing.ABORT);
    }

    @Test
    void readsEveryKey() {
        ChaosConfig config = of(Map.of("chaoskeeper.seed", "42", "chaoskeeper.duration", "90s",
                "chaoskeeper.zookeeper.version", "3.8.4", "chaoskeeper.output.dir", "/tmp/runs",
                "chaoskeeper.docker.host", "tcp://127.0.0.1:2375", "chaoskeeper.docker.missing", "Disable"));

        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.version()).isEqualTo("3.8.4");
        assertThat(config.outputDir()).isEqualTo(Path.of("/tmp/runs"));
        assertThat(config.dockerHost()).isEqualTo("tcp://127.0.0.1:2375");
        assertThat(config.dockerMissing()).isEqualTo(ChaosConfig.DockerMissing.DISABLE);
    }

    @Test
    void theSoakProfileRunsTenMinutesUnlessADurationIsSet() {
        assertThat(of(Map.of()).soak()).isFalse();
        ChaosConfig soak = of(Map.of("chaoskeeper.profile", "soak"));
        assertThat(soak.soak()).isTrue();
        assertThat(soak.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(of(Map.of("chaoskeeper.profile", "Soak", "chaoskeeper.duration", "3m")).duration())
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(of(Map.of("chaoskeeper.profile", "default")).duration()).isNull();
        assertThatThrownBy(() -> of(Map.of("chaoskeeper.profile", "long")))
                .hasMessage("chaoskeeper.profile must be default or soak, not 'long'.");
    }

    @Test
    void durationsInEveryAcceptedForm() {
        assertThat(ChaosConfig.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ChaosConfig.duration("k", "20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(ChaosConfig.duration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ChaosConfig.duration("k", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ChaosConfig.duration("k", "PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void badValuesAreOneSentenceNamingTheKey() {
        assertThatThrownBy(() -> of(Map.of("chaoskeeper.seed", "lucky")))
                .hasMessage("chaoskeeper.seed must be a whole number, not 'lucky'.");
        assertThatThrownBy(() -> of(Map.of("chaoskeeper.duration", "0s")))
                .hasMessageStartingWith("chaoskeeper.duration must be a positive duration");
        assertThatThrownBy(() -> of(Map.of("chaoskeeper.duration", "-PT3S")))
                .hasMessageStartingWith("chaoskeeper.duration must be a positive duration");
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(of(Map.of("chaoskeeper.seed", "  ")).seed()).isNull();
    }
}
