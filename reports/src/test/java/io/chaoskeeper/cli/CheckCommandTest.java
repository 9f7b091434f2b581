package io.chaoskeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.JsonLines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} and {@code bench} on the shared fixtures and on bad input. */
class CheckCommandTest {

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

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
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(1);
        List<String> verdictLines = r.out().lines().filter(l -> !l.startsWith("  ")).toList();
        assertThat(verdictLines).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(verdictLines.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void kvKnossosAndMutexFixturesGetTheirVerdictsAndExitCodes() throws IOException {
        Path dir = fixtures();
        assertThat(run("check", "--model", "kv", dir.resolve("porcupine/kv/c01-ok.txt").toString(),
                dir.resolve("porcupine/kv/c10-ok.txt").toString()).exit()).isZero();
        for (String bad : List.of("c01-bad.txt", "c10-bad.txt")) {
            Run r = run("check", "--model", "kv", dir.resolve("porcupine/kv/" + bad).toString());
            assertThat(r.exit()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains(": invalid (").contains("cannot be linearized");
        }
        try (Stream<Path> good = Files.list(dir.resolve("knossos/cas-register/good"));
             Stream<Path> bad = Files.list(dir.resolve("knossos/cas-register/bad"))) {
            String[] goodArgs = Stream.concat(Stream.of("check", "--model", "cas-register"),
                    good.filter(p -> p.toString().endsWith(".edn")).map(Path::toString)).toArray(String[]::new);
            Run g = run(goodArgs);
            assertThat(g.exit()).as(g.out()).isZero();
            List<Path> badFiles = bad.filter(p -> p.toString().endsWith(".edn")).toList();
            for (Path b : badFiles) {
                Run r = run("check", "--model", "cas-register", b.toString());
                assertThat(r.exit()).as(r.out()).isEqualTo(1);
            }
        }
        Run mutex = run("check", "--model", "mutex", dir.resolve("knossos/mutex/bad/etcd.edn").toString());
        assertThat(mutex.exit()).isEqualTo(1);
        assertThat(mutex.out()).contains("etcd.edn: invalid (563 ops, ");
    }

    @Test
    void jsonOutputIsCheckResultJson() {
        Path file = fixtures().resolve("knossos/cas-register/bad/rethink-fail-minimal.edn");
        Run r = run("check", "--model", "cas-register", "--json", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"checker\" : \"linearizability(cas-register)\"", "\"verdict\" : \"invalid\"",
                "\"prefix\"", "\"failing\"", "\"concurrent\"", "\"states\" : [ \"0\", \"4\" ]");
    }

    @Test
    void badUsageAndUnreadableInputAreOneSentenceAndExitTwo(@TempDir Path dir) throws IOException {
        Run model = run("check", "--model", "btree", "x");
        assertThat(model.exit()).isEqualTo(2);
        assertThat(model.err().strip()).isEqualTo("chaoskeeper check: unknown model 'btree'; known models: register,"
                + " cas-register, znode, mutex, set, fifo-queue, unordered-queue, kv");
        Run noModel = run("check", "x");
        assertThat(noModel.exit()).isEqualTo(2);
        assertThat(noModel.err()).contains("name the model with --model");
        Path missing = dir.resolve("missing.edn");
        Run unreadable = run("check", "--model", "register", missing.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err().lines().count()).isEqualTo(1);
        assertThat(unreadable.err()).startsWith("chaoskeeper check: " + missing + ": cannot read the history file");
        Path garbage = Files.writeString(dir.resolve("g.edn"), "[{:type :invoke :f :read :process 0}\n {:type");
        Run malformed = run("check", "--model", "register", garbage.toString());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("chaoskeeper check: " + garbage + ":2: not valid EDN");
        Run format = run("check", "--model", "register", "--format", "yaml", garbage.toString());
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("unknown history format 'yaml'");
        Run duration = run("check", "--model", "register", "--time-limit", "soon", garbage.toString());
        assertThat(duration.exit()).isEqualTo(2);
        assertThat(duration.err()).contains("'soon' is not a duration");
    }

    @Test
    void reportWritesARunDirectoryPerFileAndPrintsEachPage(@TempDir Path out) throws IOException {
        Path dir = fixtures();
        Path bad = dir.resolve("knossos/cas-register/bad/rethink-fail-smaller.edn");
        Path good = dir.resolve("knossos/cas-register/good/cas-register-bug.edn");

        Run r = run("check", "--model", "cas-register", "--report", out.toString(), bad.toString(), good.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
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

        Run r = run("check", "--model", "kv", "--json", "--report", out.toString(), file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
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

        Run onAFile = run("check", "--model", "cas-register", "--report", blocker.toString(), file.toString());
        Run underAFile = run("check", "--model", "cas-register", "--report", blocker.resolve("out").toString(),
                file.toString());
        Run sameNames = run("check", "--model", "cas-register", "--report", tmp.resolve("out").toString(),
                file.toString(), file.toString());

        assertThat(onAFile.exit()).isEqualTo(2);
        assertThat(onAFile.out()).contains(": invalid (");
        assertThat(onAFile.err().strip()).isEqualTo("chaoskeeper check: cannot write the run directory " + blocker
                + " (a file is in the way at " + blocker + ")");
        assertThat(underAFile.exit()).isEqualTo(2);
        assertThat(underAFile.err().lines().toList()).singleElement().asString()
                .startsWith("chaoskeeper check: cannot write the run directory " + blocker.resolve("out") + " (");
        assertThat(sameNames.exit()).isEqualTo(2);
        assertThat(sameNames.err().strip()).startsWith("chaoskeeper check: two files are named rethink-fail-minimal.edn");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void runningOutOfTimeIsUnknownWithTheReasonAndExitThree(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.jsonl");
        JsonLines.write(file, new SimulatedRegister(500, 5, 1, 0.05, 0, 1).generate());
        Run r = run("check", "--model", "cas-register", "--time-limit", "0ms", file.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("h.jsonl: unknown (500 ops, ")
                .contains("  key r0: the time limit ran out before the search finished");
    }

    @Test
    void benchGeneratesAndTimesHistories(@TempDir Path dir) {
        Path file = dir.resolve("gen.jsonl");
        Run gen = run("bench", "--generate", file.toString(), "--ops", "300", "--processes", "4", "--stale-reads", "1");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("600 events written");
        Run bench = run("bench", "--model", "cas-register", "--iterations", "2", file.toString());
        assertThat(bench.exit()).isEqualTo(1);
        List<String> lines = bench.out().lines().toList();
        assertThat(lines.get(0)).startsWith(file + ": invalid, median ");
        assertThat(lines.get(lines.size() - 1)).matches("total median: \\d+\\.\\d{3} ms");
        assertThat(run("bench", "--model", "cas-register", "--iterations", "0", file.toString()).exit()).isEqualTo(2);
    }
}
