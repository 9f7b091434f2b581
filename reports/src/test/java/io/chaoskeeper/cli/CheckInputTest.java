package io.chaoskeeper.cli;

import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad-input path of {@code check} ends in one sentence and the right exit code, never a stack trace. */
class CheckInputTest {

    @TempDir
    Path dir;

    private static String line(long index, String type, long process) {
        return "{\"index\":" + index + ",\"type\":\"" + type + "\",\"process\":" + process
                + ",\"f\":\"write\",\"value\":1,\"time\":" + index + "}\n";
    }

    private CliRun check(String model, String text, String... options) throws IOException {
        Path file = Files.writeString(dir.resolve("h.jsonl"), text);
        List<String> args = new java.util.ArrayList<>(List.of("check", "--model", model));
        args.addAll(List.of(options));
        args.add(file.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private void oneSentence(CliRun r, int exitCode, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
        assertThat(r.err().lines().toList()).singleElement().isEqualTo(message);
        assertThat(r.out() + r.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void structuralErrorsAreExitTwoNamingTheLine() throws IOException {
        String file = dir.resolve("h.jsonl").toString();
        oneSentence(check("register", line(0, "invoke", 0) + line(1, "invoke", 1) + line(1, "ok", 0)), 2,
                "chaoskeeper check: " + file + ":3: duplicate index 1 (line 2 has it too)");
        oneSentence(check("register", line(4, "invoke", 0) + line(3, "ok", 0)), 2, "chaoskeeper check: " + file
                + ":2: index 3 is lower than index 4 on line 1; indexes must increase from line to line");
        oneSentence(check("register", line(0, "invoke", 0) + line(1, "invoke", 0)), 2, "chaoskeeper check: " + file
                + ":2: process 0 invokes again while its operation invoked on line 1 is still open");
        oneSentence(check("register", line(0, "ok", 7)), 2,
                "chaoskeeper check: " + file + ":1: process 7 completes (ok write) an operation it never invoked");
    }

    @Test
    void spaceSeparatedEtcdLogsGetTheVerdictsOfTheirTabbedOriginals() throws IOException {
        Path etcd = CheckCommandTest.fixtures().resolve("porcupine/etcd");
        for (String row : Files.readAllLines(etcd.resolve("expected.tsv")).subList(0, 12)) {
            String[] cols = row.split("\t");
            Path spaced = Files.writeString(dir.resolve(cols[0]), Files.readString(etcd.resolve(cols[0]))
                    .replace("\t", "   "));
            CliRun r = CliRun.of("check", "--model", "cas-register", spaced.toString());
            assertThat(r.out()).as(r.err()).startsWith(spaced + ": " + cols[1] + " (");
            assertThat(r.exitCode()).isEqualTo(cols[1].equals("valid") ? 0 : 1);
        }
    }

    @Test
    void aModelThatCannotJudgeTheHistoryIsUnknownNotAStackTrace() throws IOException {
        String enqueueNil = "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"enqueue\",\"time\":0}\n"
                + "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"enqueue\",\"time\":1}\n";
        CliRun r = check("fifo-queue", enqueueNil);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("h.jsonl: unknown (1 ops, ").contains("  event 0: enqueue needs a value, got nil");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void negativeAndMalformedDurationsAndUsageErrorsAreExitTwo() throws IOException {
        String ok = line(0, "invoke", 0) + line(1, "ok", 0);
        oneSentence(check("register", ok, "--time-limit", "-5s"), 2, "chaoskeeper: Invalid value for option"
                + " '--time-limit': '-5s' is negative; a duration must be 0 or more (see 'chaoskeeper check --help')");
        assertThat(check("register", ok, "--time-limit", "PT-1S").exitCode()).isEqualTo(2);
        assertThat(check("register", ok, "--time-limit", "2m").exitCode()).isZero();
        CliRun unknownOption = CliRun.of("check", "--modle", "register", "x");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err().lines().count()).isEqualTo(1);
        assertThat(CliRun.of("check", "--model").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("check", "--help").exitCode()).isZero();
    }

    @Test
    void anExceptionNoCommandHandledIsOneSentenceAndExitTwo() {
        Callable<Integer> broken = () -> {
            throw new IllegalStateException("boom\n\tat somewhere");
        };
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(broken).name("x"));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(Main::unexpected);
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("chaoskeeper x: failed unexpectedly (IllegalStateException: boom)"
                + System.lineSeparator());
    }

    /** Swaps two lines, drops one, or repeats one (the same index, a second invoke or completion). */
    private static String mutate(String text, java.util.SplittableRandom random) {
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        int a = random.nextInt(lines.size() - 1);
        switch (random.nextInt(3)) {
            case 0 -> lines.set(a + 1, lines.set(a, lines.get(a + 1)));
            case 1 -> lines.remove(a);
            default -> lines.add(a, lines.get(a));
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aValidHistoryAfterStructuralMutationIsExitZeroOrTwoNeverOneOrAStackTrace() throws IOException {
        StringBuilder text = new StringBuilder();
        new SimulatedRegister(30, 4, 1, 0.1, 0, 5).generate().operations()
                .forEach(op -> text.append(JsonLines.toLine(op)).append('\n'));
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int rejected = 0;
        for (int i = 0; i < 100; i++) {
            String mutant = mutate(text.toString(), random);
            CliRun r = check("cas-register", mutant);
            assertThat(r.exitCode()).as(mutant).isIn(0, 2);
            assertThat(r.out() + r.err()).doesNotContain("\tat ", "Exception");
            if (r.exitCode() == 2) {
                assertThat(r.err()).matches("chaoskeeper check: \\S+h\\.jsonl:\\d+: [^\\n]+\\R");
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(30);
    }
}
