package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.internal.DockerClients;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} against the real engine: it prints the nodes and a ready line, exits 0 and leaves nothing. */
class UpCommandIT {

    @Test
    void upPrintsEveryNodeThenReadyAndRemovesTheEnsemble(@TempDir Path logs) throws Exception {
        CliRun run = CliRun.of("up", "--nodes", "3", "--log-dir", logs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).matches("zk1 127\\.0\\.0\\.1:\\d+ (leader|follower)");
        assertThat(lines[2]).matches("zk3 127\\.0\\.0\\.1:\\d+ (leader|follower)");
        assertThat(run.out()).containsOnlyOnce(" leader");
        assertThat(lines[3]).matches("connect: 127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
        assertThat(lines[4]).matches("ready: 3 nodes in \\d+ ms");

        File[] ensembles = logs.toFile().listFiles();
        assertThat(ensembles).hasSize(1);
        assertThat(ensembles[0].list()).containsExactlyInAnyOrder("zk1.log", "zk2.log", "zk3.log");
        try (DockerClient docker = DockerClients.connect()) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.chaoskeeper.ensemble", ensembles[0].getName())).exec()).isEmpty();
        }
    }
}
