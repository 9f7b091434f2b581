package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionSweepTest {

    private static VersionSweep of(Map<String, String> settings, String... annotated) {
        return VersionSweep.from(k -> Optional.ofNullable(settings.get(k)), annotated);
    }

    @Test
    void noSettingAndNoAnnotationIsNoSweep() {
        VersionSweep sweep = of(Map.of());

        assertThat(sweep.isSweep()).isFalse();
        assertThat(sweep.firstOr("3.9.4")).isEqualTo("3.9.4");
        assertThat(sweep.directory(Path.of("runs/T/m"), "3.9.4")).isEqualTo(Path.of("runs/T/m"));
    }

    @Test
    void theSettingListsVersionsInOrderSeparatedByCommasOrBlanksWithoutRepeats() {
        VersionSweep sweep = of(Map.of(VersionSweep.VERSIONS, " 3.8.4, 3.9.4 3.8.4,,3.9.3-rc1 "));

        assertThat(sweep.versions()).containsExactly("3.8.4", "3.9.4", "3.9.3-rc1");
        assertThat(sweep.firstOr("3.9.4")).isEqualTo("3.8.4");
    }

    @Test
    void theSettingOverridesTheAnnotation() {
        assertThat(of(Map.of(VersionSweep.VERSIONS, "3.9.2"), "3.8.4", "3.9.4").versions()).containsExactly("3.9.2");
        assertThat(of(Map.of(VersionSweep.VERSIONS, "  "), "3.8.4", "3.9.4").versions())
                .containsExactly("3.8.4", "3.9.4");
    }

    @Test
    void eachVersionRunsInItsOwnDirectoryBelowTheRunDirectory() {
        VersionSweep sweep = of(Map.of(), "3.8.4", "3.9.4");

        assertThat(sweep.directory(Path.of("runs/T/m"), "3.8.4")).isEqualTo(Path.of("runs/T/m/3.8.4"));
        assertThat(sweep.directory(Path.of("runs/T/m"), "3.9.4")).isEqualTo(Path.of("runs/T/m/3.9.4"));
    }

    @Test
    void aMalformedVersionIsOneSentenceNamingWhereItCameFrom() {
        assertThatThrownBy(() -> of(Map.of(VersionSweep.VERSIONS, "3.8.4,latest")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaoskeeper.zookeeper.versions lists ZooKeeper versions like 3.8.4,3.9.4; 'latest' is "
                        + "not one.");
        assertThatThrownBy(() -> of(Map.of(), "3.9"))
                .hasMessage("@ZooKeeperChaos(versions) lists ZooKeeper versions like 3.8.4,3.9.4; '3.9' is not one.");
    }
}
