package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.internal.DockerClients;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} against the real engine: it prints the nodes and a ready line, exits 0 and leaves nothing. */
class UpCommandIT {

    @Test
    void holdKeepsTheEnsembleUntilTheJvmIsToldToStopThenItsShutdownHookRemovesIt(@TempDir Path logs)
            throws Exception {
        Path jar = Path.of("target", "chaoskeeper.jar");
        assertThat(jar).as("the shaded jar, built in the package phase").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process up = new ProcessBuilder(java, "-jar", jar.toString(), "up", "--nodes", "1", "--hold",
                "--log-dir", logs.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (DockerClient docker = DockerClients.connect();
                BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(),
                        StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("ready: "));
            assertThat(line).as("the last line of up").isNotNull().startsWith("ready: 1 nodes in ");

            Map<String, String> ours = Map.of("io.chaoskeeper.owner.pid", Long.toString(up.pid()));
            assertThat(docker.listContainersCmd().withLabelFilter(ours).exec()).as("held").hasSize(1);

            up.destroy(); // SIGTERM, like Ctrl-C: the JVM runs its shutdown hooks
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec()).isEmpty();
            File[] ensembles = logs.toFile().listFiles();
            assertThat(ensembles).hasSize(1);
            assertThat(ensembles[0].list()).containsExactly("zk1.log");
        } finally {
            up.destroyForcibly();
        }
    }

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
