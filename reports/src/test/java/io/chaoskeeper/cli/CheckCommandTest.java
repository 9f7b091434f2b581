package io.chaoskeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.JsonLines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} and {@code bench} on the shared fixtures and on bad input. */
class CheckCommandTest {

    static Path fixtures() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: the shared fixtures are absent at " + dir);
        return dir;
    }

    @Test
    void everyEtcdLogGetsTheVerdictInExpectedTsv() throws IOException {
        Path etcd = fixtures().resolve("porcupine/etcd");
        List<String> args = new ArrayList<>(List.of("check", "--model", "cas-register"));
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(etcd.resolve("expected.tsv"))) {
            String[] cols = line.split("\t");
            args.add(etcd.resolve(cols[0]).toString());
            expected.add(etcd.resolve(cols[0]) + ": " + cols[1] + " (");
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> verdictLines = r.out().lines().filter(l -> !l.startsWith("  ")).toList();
        assertThat(verdictLines).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(verdictLines.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void kvKnossosAndMutexFixturesGetTheirVerdictsAndExitCodes() throws IOException {
        Path dir = fixtures();
        assertThat(CliRun.of("check", "--model", "kv", dir.resolve("porcupine/kv/c01-ok.txt").toString(),
                dir.resolve("porcupine/kv/c10-ok.txt").toString()).exitCode()).isZero();
        for (String bad : List.of("c01-bad.txt", "c10-bad.txt")) {
            CliRun r = CliRun.of("check", "--model", "kv", dir.resolve("porcupine/kv/" + bad).toString());
            assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains(": invalid (").contains("cannot be linearized");
        }
        try (Stream<Path> good = Files.list(dir.resolve("knossos/cas-register/good"));
             Stream<Path> bad = Files.list(dir.resolve("knossos/cas-register/bad"))) {
            String[] goodArgs = Stream.concat(Stream.of("check", "--model", "cas-register"),
                    good.filter(p -> p.toString().endsWith(".edn")).map(Path::toString)).toArray(String[]::new);
            CliRun g = CliRun.of(goodArgs);
            assertThat(g.exitCode()).as(g.out()).isZero();
            List<Path> badFiles = bad.filter(p -> p.toString().endsWith(".edn")).toList();
            for (Path b : badFiles) {
                CliRun r = CliRun.of("check", "--model", "cas-register", b.toString());
                assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
            }
        }
        CliRun mutex = CliRun.of("check", "--model", "mutex", dir.resolve("knossos/mutex/bad/etcd.edn").toString());
        assertThat(mutex.exitCode()).isEqualTo(1);
        assertThat(mutex.out()).contains("etcd.edn: invalid (563 ops, ");
    }

    @Test
    void jsonOutputIsCheckResultJson() {
        Path file = fixtures().resolve("knossos/cas-register/bad/rethink-fail-minimal.edn");
        CliRun r = CliRun.of("check", "--model", "cas-register", "--json", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"checker\" : \"linearizability(cas-register)\"", "\"verdict\" : \"invalid\"",
                "\"prefix\"", "\"failing\"", "\"concurrent\"", "\"states\" : [ \"0\", \"4\" ]");
    }

    @Test
    void badUsageAndUnreadableInputAreOneSentenceAndExitTwo(@TempDir Path dir) throws IOException {
        CliRun model = CliRun.of("check", "--model", "btree", "x");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err().strip()).isEqualTo("chaoskeeper check: unknown model 'btree'; known models: register,"
                + " cas-register, znode, mutex, set, fifo-queue, unordered-queue, kv");
        CliRun noModel = CliRun.of("check", "x");
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("name the model with --model");
        Path missing = dir.resolve("missing.edn");
        CliRun unreadable = CliRun.of("check", "--model", "register", missing.toString());
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err().lines().count()).isEqualTo(1);
        assertThat(unreadable.err()).startsWith("chaoskeeper check: " + missing + ": cannot read the history file");
        Path garbage = Files.writeString(dir.resolve("g.edn"), "[{:type :invoke :f :read :process 0}\n {:type");
        CliRun malformed = CliRun.of("check", "--model", "register", garbage.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("chaoskeeper check: " + garbage + ":2: not valid EDN");
        CliRun format = CliRun.of("check", "--model", "register", "--format", "yaml", garbage.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown history format 'yaml'");
        CliRun duration = CliRun.of("check", "--model", "register", "--time-limit", "soon", garbage.toString());
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).contains("'soon' is not a duration");
    }

    @Test
    void reportWritesARunDirectoryPerFileAndPrintsEachPage(@TempDir Path out) throws IOException {
        Path dir = fixtures();
        Path bad = dir.resolve("knossos/cas-register/bad/rethink-fail-smaller.edn");
        Path good = dir.resolve("knossos/cas-register/good/cas-register-bug.edn");

        CliRun r = CliRun.of("check", "--model", "cas-register", "--report", out.toString(), bad.toString(), good.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        Path badRun = out.resolve("rethink-fail-smaller.edn");
        Path goodRun = out.resolve("cas-register-bug.edn");
        assertThat(r.out().lines()).contains(badRun.resolve("index.html").toString(),
                goodRun.resolve("index.html").toString());
        for (Path run : List.of(badRun, goodRun)) {
            assertThat(run.resolve("history.jsonl")).isNotEmptyFile();
        }
        assertThat(JsonLines.read(badRun.resolve("history.jsonl")).operations()).hasSize(
                io.chaoskeeper.history.format.HistoryFormat.KNOSSOS_EDN.read(bad).operations().size());
        JsonNode runJson = new ObjectMapper().readTree(badRun.resolve("run.json").toFile());
        assertThat(runJson.get("name").asText()).isEqualTo("rethink-fail-smaller.edn");
        assertThat(runJson.get("model").asText()).isEqualTo("cas-register");
        assertThat(runJson.get("format").asText()).isEqualTo("edn");
        assertThat(runJson.get("reproduce").asText()).isEqualTo("java -jar chaoskeeper.jar check --model cas-register"
                + " --format edn " + bad.toAbsolutePath().normalize());
        JsonNode badChecks = new ObjectMapper().readTree(badRun.resolve("checks.json").toFile()).get(0);
        assertThat(badChecks.get("verdict").asText()).isEqualTo("invalid");
        long failing = badChecks.get("anomalies").get(0).get("data").get("failing").asLong();
        String failingOp = "read 3 (event " + failing + ") cannot be linearized";
        assertThat(Files.readString(badRun.resolve("index.html"))).contains(failingOp, "\"failing\":" + failing);
        assertThat(new ObjectMapper().readTree(goodRun.resolve("checks.json").toFile()).get(0).get("verdict").asText())
                .isEqualTo("valid");
        assertThat(Files.readString(goodRun.resolve("index.html"))).doesNotContain("cannot be linearized");
    }

    @Test
    void reportOfOneFileIsOutItselfAndJsonStaysOneDocument(@TempDir Path tmp) throws IOException {
        Path file = fixtures().resolve("porcupine/kv/c10-ok.txt");
        Path out = tmp.resolve("new/report");

        CliRun r = CliRun.of("check", "--model", "kv", "--json", "--report", out.toString(), file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get(0).get("verdict").asText()).isEqualTo("valid");
        assertThat(r.err().strip()).isEqualTo(out.resolve("index.html").toString());
        assertThat(out.resolve("index.html")).isNotEmptyFile();
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("format").asText())
                .isEqualTo("porcupine-kv");
    }

    @Test
    void anUnwritableReportIsOneSentenceAndExitTwo(@TempDir Path tmp) throws IOException {
        Path file = fixtures().resolve("knossos/cas-register/bad/rethink-fail-minimal.edn");
        Path blocker = Files.writeString(tmp.resolve("a-file"), "not a directory");

        CliRun onAFile = CliRun.of("check", "--model", "cas-register", "--report", blocker.toString(), file.toString());
        CliRun underAFile = CliRun.of("check", "--model", "cas-register", "--report", blocker.resolve("out").toString(),
                file.toString());
        CliRun sameNames = CliRun.of("check", "--model", "cas-register", "--report", tmp.resolve("out").toString(),
                file.toString(), file.toString());

        assertThat(onAFile.exitCode()).isEqualTo(2);
        assertThat(onAFile.out()).contains(": invalid (");
        assertThat(onAFile.err().strip()).isEqualTo("chaoskeeper check: cannot write the run directory " + blocker
                + " (a file is in the way at " + blocker + ")");
        assertThat(underAFile.exitCode()).isEqualTo(2);
        assertThat(underAFile.err().lines().toList()).singleElement().asString()
                .startsWith("chaoskeeper check: cannot write the run directory " + blocker.resolve("out") + " (");
        assertThat(sameNames.exitCode()).isEqualTo(2);
        assertThat(sameNames.err().strip()).startsWith("chaoskeeper check: two files are named rethink-fail-minimal.edn");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void runningOutOfTimeIsUnknownWithTheReasonAndExitThree(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.jsonl");
        JsonLines.write(file, new SimulatedRegister(500, 5, 1, 0.05, 0, 1).generate());
        CliRun r = CliRun.of("check", "--model", "cas-register", "--time-limit", "0ms", file.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("h.jsonl: unknown (500 ops, ")
                .contains("  key r0: the time limit ran out before the search finished");
    }

    @Test
    void benchGeneratesAndTimesHistories(@TempDir Path dir) {
        Path file = dir.resolve("gen.jsonl");
        CliRun gen = CliRun.of("bench", "--generate", file.toString(), "--ops", "300", "--processes", "4", "--stale-reads", "1");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("600 events written");
        CliRun bench = CliRun.of("bench", "--model", "cas-register", "--iterations", "2", "--warm-up", "0s",
                file.toString());
        assertThat(bench.exitCode()).isEqualTo(1);
        List<String> lines = bench.out().lines().toList();
        assertThat(lines.get(0)).startsWith(file + ": invalid, median ");
        assertThat(lines).anyMatch(line -> line.matches("total median: \\d+\\.\\d{3} ms"));
        assertThat(CliRun.of("bench", "--model", "cas-register", "--iterations", "0", file.toString()).exitCode()).isEqualTo(2);
        CliRun negative = CliRun.of("bench", "--model", "cas-register", "--warm-up", "-1s", file.toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).startsWith("chaoskeeper: Invalid value for option '--warm-up'").doesNotContain("\tat ");
    }
}
