package io.chaoskeeper.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The version-regression checker on two real runs of the reproduction and on small made-up histories. */
class VersionRegressionCheckerTest {

    private static History real(String name) throws IOException {
        var gzip = new GZIPInputStream(VersionRegressionCheckerTest.class.getResourceAsStream("/findings/" + name));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(gzip, StandardCharsets.UTF_8))) {
            return JsonLines.read(name, in);
        }
    }

    @Test
    void findsTheLostEpochOfTheRun384ThatReproducedFinding2() throws IOException {
        CheckResult result = new VersionRegressionChecker().check(real("version-behind-3.8.4.jsonl.gz"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.stats()).containsEntry("versionsWentBack", 10L).containsEntry("maxVersionsBack", 10L);
        assertThat(result.anomalies().get(0).message()).isEqualTo("write of 933 on r0 through zk2 was answered with "
                + "version 553 (zxid 0x400000004), but version 562 (zxid 0x20000000f, write through zk3) had been "
                + "returned before it was invoked");
    }

    @Test
    void aLinearizableRunOn393IsValid() throws IOException {
        CheckResult result = new VersionRegressionChecker().check(real("leader-isolation-3.9.3-linearizable.jsonl.gz"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat((Integer) result.stats().get("writesChecked")).isGreaterThan(400);
    }

    @Test
    void concurrentWritesAndIndeterminateOnesAreNoRegression() {
        List<Operation> ops = new ArrayList<>();
        add(ops, Operation.Type.INVOKE, 0, "write", 1L, 0);
        add(ops, Operation.Type.INVOKE, 1, "write", 2L, 1);
        add(ops, Operation.Type.OK, 1, "write", List.of(2L, 1L), 2);
        add(ops, Operation.Type.OK, 0, "write", List.of(1L, 2L), 3);   // overlapped: any order
        add(ops, Operation.Type.INVOKE, 2, "write", 3L, 4);
        add(ops, Operation.Type.INFO, 2, "write", null, 5);            // may or may not have happened
        add(ops, Operation.Type.INVOKE, 1, "read", null, 6);
        add(ops, Operation.Type.OK, 1, "read", List.of(3L, 3L), 7);
        add(ops, Operation.Type.INVOKE, 0, "write", 4L, 8);
        add(ops, Operation.Type.OK, 0, "write", List.of(4L, 4L), 9);

        assertThat(new VersionRegressionChecker().check(History.of(ops)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aWriteBelowAVersionReadBeforeItIsARegression() {
        List<Operation> ops = new ArrayList<>();
        add(ops, Operation.Type.INVOKE, 0, "read", null, 0);
        add(ops, Operation.Type.OK, 0, "read", List.of(7L, 5L), 1);
        add(ops, Operation.Type.INVOKE, 1, "cas", List.of(2L, 8L), 2);
        add(ops, Operation.Type.OK, 1, "cas", List.of(8L, 3L), 3);

        CheckResult result = new VersionRegressionChecker().check(History.of(ops));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("version-went-back");
            assertThat(a.data()).containsEntry("versionsBehind", 3L);
        });
    }

    private static void add(List<Operation> ops, Operation.Type type, long process, String f, Object value, long t) {
        ops.add(new Operation(ops.size(), type, process, f, value, t, "r0", "zk1", null, null, java.util.Map.of()));
    }
}
