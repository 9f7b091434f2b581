package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Server jars come from the local repository the test JVM's own ZooKeeper jar lies in (unless maven.repo.local
 * names one), then from Maven Central unless chaoskeeper.maven.repositories names other repositories.
 */
class MavenRepositoriesTest {

    @Test
    void noSettingMeansMavenCentral() {
        assertThat(MavenRepositories.urls(null)).containsExactly("https://repo.maven.apache.org/maven2/");
        assertThat(MavenRepositories.urls(" ")).containsExactly("https://repo.maven.apache.org/maven2/");
    }

    @Test
    void messagesNameTheLocalRepositoryAndMavenCentral() {
        assertThat(MavenRepositories.describe()).isEqualTo(MavenRepositories.local() + " or Maven Central");
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

    @Test
    void aJarInMavensLayoutNamesItsRepository() {
        Path repo = Path.of("/srv/builds/repo");
        assertThat(MavenRepositories.repositoryHolding(
                repo.resolve("org/apache/zookeeper/zookeeper/3.9.4/zookeeper-3.9.4.jar"), "org.apache.zookeeper",
                "zookeeper")).contains(repo);
    }

    @Test
    void aJarElsewhereNamesNoRepository() {
        assertThat(MavenRepositories.repositoryHolding(Path.of("/opt/lib/zookeeper-3.9.4.jar"), "org.apache.zookeeper",
                "zookeeper")).isEmpty();
        assertThat(MavenRepositories.repositoryHolding(Path.of("/home/u/.gradle/caches/modules-2/files-2.1",
                "org.apache.zookeeper/zookeeper/3.9.4/0a1b/zookeeper-3.9.4.jar"),
                "org.apache.zookeeper", "zookeeper")).isEmpty();
        assertThat(MavenRepositories.repositoryHolding(Path.of("/r/org/other/zookeeper/3.9.4/zookeeper-3.9.4.jar"),
                "org.apache.zookeeper", "zookeeper")).isEmpty();
    }

    @Test
    void theLocalRepositoryIsTheConfiguredOneElseTheOneHoldingTheClientJarElseTheDefault() {
        Path jar = Path.of("/srv/builds/repo/org/apache/zookeeper/zookeeper/3.9.4/zookeeper-3.9.4.jar");
        assertThat(MavenRepositories.local("/tmp/m2", Optional.of(jar))).isEqualTo(Path.of("/tmp/m2"));
        assertThat(MavenRepositories.local(null, Optional.of(jar))).isEqualTo(Path.of("/srv/builds/repo"));
        Path home = Path.of(System.getProperty("user.home"), ".m2", "repository");
        assertThat(MavenRepositories.local(" ", Optional.of(Path.of("/opt/lib/zookeeper-3.9.4.jar")))).isEqualTo(home);
        assertThat(MavenRepositories.local(null, Optional.empty())).isEqualTo(home);
    }

    @Test
    void theClientJarIsFoundOnThisClassPath() {
        assertThat(MavenRepositories.clientJar()).get().satisfies(jar -> assertThat(jar).isRegularFile()
                .hasFileName("zookeeper-" + jar.getParent().getFileName() + ".jar"));
    }
}
