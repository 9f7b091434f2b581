package io.chaoskeeper.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendTest {

    @Test
    void parsesTheThreeNamesInAnyCase() {
        assertThat(Backend.parse("docker")).isEqualTo(Backend.DOCKER);
        assertThat(Backend.parse(" LOCAL ")).isEqualTo(Backend.LOCAL);
        assertThat(Backend.parse("Auto")).isEqualTo(Backend.AUTO);
        assertThat(Backend.LOCAL).hasToString("local");
    }

    @Test
    void aWrongNameIsRefusedInOneSentenceNamingTheSetting() {
        assertThatThrownBy(() -> Backend.parse("podman")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaoskeeper.backend must be docker, local or auto, not 'podman'.");
    }

    @Test
    void anEnsembleNotYetStartedReportsTheBackendAskedFor() {
        assertThat(new ZooKeeperEnsemble().withBackend(Backend.LOCAL).backend()).isEqualTo(Backend.LOCAL);
    }

    @Test
    void dockerOnlyCallsFailInOneSentenceBeforeStart() {
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withBackend(Backend.LOCAL).docker())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not running");
    }
}
