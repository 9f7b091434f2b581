package io.chaoskeeper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void rendersARunAndTheIndexAndPrintsThePage() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs/one"));
        Files.writeString(run.resolve("history.jsonl"),
                "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"time\":0}\n"
                        + "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":3,\"time\":1000}\n");

        CliRun report = CliRun.of("report", run.toString());
        CliRun index = CliRun.of("report", "--index", tmp.resolve("runs").toString());

        assertThat(report.exitCode()).isZero();
        assertThat(report.out().trim()).isEqualTo(run.resolve("index.html").toString());
        assertThat(index.exitCode()).isZero();
        assertThat(tmp.resolve("runs/index.html")).exists();
    }

    @Test
    void aMissingOrEmptyDirectoryIsOneSentenceAndExitTwo() throws Exception {
        CliRun missing = CliRun.of("report", tmp.resolve("nope").toString());
        CliRun empty = CliRun.of("report", tmp.toString());
        CliRun noArgument = CliRun.of("report");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("chaoskeeper report: " + tmp.resolve("nope") + " is not a directory.\n");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("is not a run directory.").doesNotContain("Exception").hasLineCount(1);
        assertThat(noArgument.exitCode()).isEqualTo(2);
        assertThat(noArgument.err()).contains("Missing required parameter").hasLineCount(1);
    }

}
