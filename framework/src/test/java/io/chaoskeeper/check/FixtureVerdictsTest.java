package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every history in ../shared/fixtures gets the verdict its authors established. */
class FixtureVerdictsTest {

    static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures").toAbsolutePath().normalize();

    /** The fixtures folder, or skips the test with a message when it is absent. */
    static Path fixtures() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: the shared fixtures are absent at " + dir);
        return dir;
    }

    /** (file, model, expected verdict) for every fixture. */
    static List<Object[]> cases() throws IOException {
        Path dir = fixtures();
        List<Object[]> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("porcupine/etcd/expected.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length == 2) {
                cases.add(new Object[] {dir.resolve("porcupine/etcd").resolve(cols[0]), "cas-register",
                        Verdict.valueOf(cols[1].toUpperCase())});
            }
        }
        for (String kv : List.of("c01-ok", "c01-bad", "c10-ok", "c10-bad")) {
            cases.add(new Object[] {dir.resolve("porcupine/kv/" + kv + ".txt"), "kv",
                    kv.endsWith("ok") ? Verdict.VALID : Verdict.INVALID});
        }
        for (String verdict : List.of("good", "bad")) {
            try (Stream<Path> files = Files.list(dir.resolve("knossos/cas-register/" + verdict))) {
                files.filter(p -> p.toString().endsWith(".edn")).sorted().forEach(p -> cases.add(new Object[] {p,
                        "cas-register", verdict.equals("good") ? Verdict.VALID : Verdict.INVALID}));
            }
        }
        cases.add(new Object[] {dir.resolve("knossos/mutex/bad/etcd.edn"), "mutex", Verdict.INVALID});
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsItsExpectedVerdict() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(((Path) c[0]).getFileName().toString(), () -> {
            Path file = (Path) c[0];
            HistoryFormat format = HistoryFormat.detect(file);
            History history = format.read(file);
            CheckResult result = LinearizabilityChecker.of(Models.named((String) c[1], format.rules())).check(history);
            assertThat(result.verdict()).as(file + ": " + result.summary()).isEqualTo(c[2]);
        }));
    }
}
