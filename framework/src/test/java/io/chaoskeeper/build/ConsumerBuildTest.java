package io.chaoskeeper.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A consumer build that cannot run Maven, fails, or hangs ends in one sentence naming its log. */
class ConsumerBuildTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Path root = Paths.get("").toAbsolutePath().getParent();

    @Test
    void aMissingMavenIsNamed() throws Exception {
        ConsumerBuild build = ConsumerBuild.run(root, "0-test", dir.resolve("work"), LIMIT, "/nonexistent/mvn");

        assertThat(build.exitCode()).isEqualTo(127);
        assertThat(build.failure()).startsWith("Maven could not be run (mvn is not on the PATH")
                .endsWith("the log is " + build.log() + ".");
        assertThat(build.log()).content().contains("/nonexistent/mvn");
    }

    @Test
    void aFailedBuildNamesItsExitCodeAndLog() throws Exception {
        ConsumerBuild build = ConsumerBuild.run(root, "0-test", dir.resolve("work"), LIMIT, "false");

        assertThat(build.failure()).isEqualTo("examples/consumer failed to build against the framework installed in "
                + build.repository() + " (exit 1); its log is " + build.log() + ".");
    }

    @Test
    void aHangingBuildIsStoppedAtItsLimit() throws Exception {
        Path hanging = dir.resolve("hanging-mvn.sh");
        try (var in = getClass().getResourceAsStream("hanging-mvn.sh")) {
            Files.copy(in, hanging);
        }
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        long start = System.nanoTime();

        ConsumerBuild build = ConsumerBuild.run(root, "0-test", dir.resolve("work"), Duration.ofSeconds(2),
                hanging.toString());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(build.failure()).isEqualTo("examples/consumer did not build within 2 s and was stopped; its log is "
                + build.log() + ".");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(
                hanging.toString()))).as("the stopped build's processes").isEmpty();
    }
}
