package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Server jars come from Maven Central unless chaoskeeper.maven.repositories names other repositories. */
class MavenRepositoriesTest {

    @Test
    void noSettingMeansMavenCentral() {
        assertThat(MavenRepositories.urls(null)).containsExactly("https://repo.maven.apache.org/maven2/");
        assertThat(MavenRepositories.urls(" ")).containsExactly("https://repo.maven.apache.org/maven2/");
    }

    @Test
    void aSettingListsItsRepositoriesInOrder() {
        assertThat(MavenRepositories.urls("file:///srv/m2, https://nexus.example/maven,"))
                .containsExactly("file:///srv/m2", "https://nexus.example/maven");
    }

    @Test
    void somethingOtherThanAUrlIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> MavenRepositories.urls("/srv/m2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaoskeeper.maven.repositories must list http, https or file URLs, not '/srv/m2'.");
    }
}
