package io.chaoskeeper.cli;

import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/chaoskeeper}: writes its class-data-sharing archive once, then maps it; output and exit codes as the jar. */
class LauncherIT {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private Result launch(Path archive, String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of("..", "bin", "chaoskeeper").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("CHAOSKEEPER_CDS", archive.toString());
        pb.environment().put("CHAOSKEEPER_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunWritesTheArchiveLaterRunsMapItAndARebuiltJarGetsAFreshOne() throws Exception {
        assertThat(Path.of("target", "chaoskeeper.jar")).as("the shaded jar, built in the package phase").exists();
        Path history = dir.resolve("h.jsonl");
        JsonLines.write(history, new SimulatedRegister(200, 4, 1, 0.05, 0, 3).generate());
        Path archive = dir.resolve("ck.jsa");
        Path loads = dir.resolve("loads.txt");

        Result first = launch(archive, "", "check", "--model", "cas-register", history.toString());
        Result second = launch(archive, "-Xlog:class+load:file=" + loads, "check", "--model", "cas-register",
                history.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).as("no class-data-sharing warnings").isEmpty();
        assertThat(archive).isNotEmptyFile();
        assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".partial"));
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith(history + ": valid (200 ops, ");
        assertThat(Files.readAllLines(loads)).anyMatch(line -> line.contains("io.chaoskeeper.cli.CheckCommand ")
                && line.contains("shared objects file (top)"));

        Result bad = launch(archive, "", "check", "--model", "cas-register", "--time-limit", "-5s",
                history.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).singleElement().asString().contains("'-5s' is negative");

        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(archive, old);
        assertThat(launch(archive, "", "check", "--model", "cas-register", history.toString()).exitCode()).isZero();
        assertThat(Files.getLastModifiedTime(archive)).as("an archive older than the jar is rewritten").isNotEqualTo(old);
    }
}
