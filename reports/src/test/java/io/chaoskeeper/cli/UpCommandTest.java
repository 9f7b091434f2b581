package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad usage of {@code up}: exit 2 and one sentence, before any Docker work. */
class UpCommandTest {

    @Test
    void zeroNodesIsExitTwoWithOneSentence() {
        CliRun run = CliRun.of("up", "--nodes", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("chaoskeeper: An ensemble has 1 to 9 nodes, not 0. (see 'chaoskeeper up --help')"
                + System.lineSeparator());
    }

    @Test
    void tenNodesAndAMalformedVersionAreExitTwo() {
        assertThat(CliRun.of("up", "--nodes", "10").exitCode()).isEqualTo(2);
        CliRun run = CliRun.of("up", "--version", "latest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("chaoskeeper: 'latest' is not a ZooKeeper version this framework runs")
                .hasLineCount(1);
    }

    @Test
    void unknownFlagsAndNonNumbersAreExitTwo() {
        CliRun unknown = CliRun.of("up", "--nodez", "3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--nodez").hasLineCount(1);
        CliRun notANumber = CliRun.of("up", "--nodes", "three");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("three").hasLineCount(1);
    }

    @Test
    void noDockerEngineIsExitTwoWithOneSentence() {
        String previous = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "unix:///nonexistent/chaoskeeper/docker.sock");
        System.setProperty("chaoskeeper.backend", "docker"); // on auto a missing engine means the local backend
        try {
            CliRun run = CliRun.of("up", "--nodes", "1");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).endsWith("chaoskeeper up: No Docker engine answers at"
                    + " unix:///nonexistent/chaoskeeper/docker.sock: start one (bin/provision does) or set DOCKER_HOST."
                    + System.lineSeparator());
        } finally {
            System.clearProperty("chaoskeeper.backend");
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
    }
}
