package io.chaoskeeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration and validation, without Docker. */
class ZooKeeperEnsembleTest {

    @Test
    void defaultsToThreeNodesOfTheManagedVersion() {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble();
        assertThat(ensemble.size()).isEqualTo(3);
        assertThat(ensemble.version()).isEqualTo(ZooKeeperEnsemble.DEFAULT_VERSION).isEqualTo("3.9.4");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10})
    void sizesOutsideOneToNineFailAtOnce(int nodes) {
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withNodes(nodes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An ensemble has 1 to 9 nodes, not " + nodes + ".");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 9})
    void sizesOneToNineAreAccepted(int nodes) {
        assertThat(new ZooKeeperEnsemble().withNodes(nodes).size()).isEqualTo(nodes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.4.14", "latest", "3.9", "", "3.9.4; rm -rf /"})
    void versionsThatCannotBeAServerWeRunFailAtOnce(String version) {
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withVersion(version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + version + "' is not a ZooKeeper version this framework runs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.8.4", "3.9.4", "3.5.10", "4.0.0", "3.10.0-beta"})
    void wellFormedVersionsAreAcceptedAndResolvedAtStart(String version) {
        assertThat(new ZooKeeperEnsemble().withVersion(version).version()).isEqualTo(version);
    }

    @Test
    void timingSettingsMustBePositive() {
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withTickTime(Duration.ZERO))
                .hasMessage("tickTime must be a positive number of milliseconds, not PT0S.");
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withInitLimit(0))
                .hasMessage("initLimit must be at least 1 tick, not 0.");
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withSyncLimit(-2))
                .hasMessage("syncLimit must be at least 1 tick, not -2.");
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withStartupTimeout(Duration.ofSeconds(-1)))
                .hasMessage("The startup timeout must be positive, not PT-1S.");
    }

    @Test
    void jvmOptionsAreOneUnquotedLine() {
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withJvmOptions("-Xmx1g\n-Dx=1"))
                .hasMessage("JVM options are one line of space-separated words without quotes.");
        assertThatThrownBy(() -> new ZooKeeperEnsemble().withJvmOptions("-Dx='a b'"))
                .hasMessage("JVM options are one line of space-separated words without quotes.");
    }

    @Test
    void anEnsembleThatWasNotStartedSaysSo() {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble();
        assertThatThrownBy(ensemble::nodes).isInstanceOf(IllegalStateException.class)
                .hasMessage("Ensemble " + ensemble.id() + " is not running: call start() first.");
        ensemble.close(); // closing what never started is harmless
    }

    @ParameterizedTest
    // a socket path that does not exist; a loopback port nobody listens on
    @ValueSource(strings = {"unix:///nonexistent/chaoskeeper/docker.sock", "tcp://127.0.0.1:1"})
    void noDockerEngineIsOneSentenceWithinSeconds(String dockerHost) {
        String previous = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", dockerHost);
        try {
            long start = System.nanoTime();
            // Docker by name: on auto a missing engine means the local backend
            assertThatThrownBy(new ZooKeeperEnsemble().withBackend(Backend.DOCKER)::start)
                    .isInstanceOf(DockerUnavailableException.class)
                    .hasMessage("No Docker engine answers at " + dockerHost + ": start one (bin/provision does)"
                            + " or set DOCKER_HOST.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
    }
}
