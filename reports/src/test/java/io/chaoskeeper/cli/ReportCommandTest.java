package io.chaoskeeper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

        Result report = run("report", run.toString());
        Result index = run("report", "--index", tmp.resolve("runs").toString());

        assertThat(report.code).isZero();
        assertThat(report.out.trim()).isEqualTo(run.resolve("index.html").toString());
        assertThat(index.code).isZero();
        assertThat(tmp.resolve("runs/index.html")).exists();
    }

    @Test
    void aMissingOrEmptyDirectoryIsOneSentenceAndExitTwo() throws Exception {
        Result missing = run("report", tmp.resolve("nope").toString());
        Result empty = run("report", tmp.toString());
        Result noArgument = run("report");

        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).isEqualTo("chaoskeeper report: " + tmp.resolve("nope") + " is not a directory.\n");
        assertThat(empty.code).isEqualTo(2);
        assertThat(empty.err).contains("is not a run directory.").doesNotContain("Exception").hasLineCount(1);
        assertThat(noArgument.code).isEqualTo(2);
        assertThat(noArgument.err).contains("Missing required parameter").hasLineCount(1);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
