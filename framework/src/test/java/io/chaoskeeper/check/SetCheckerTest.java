package io.chaoskeeper.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class SetCheckerTest {

    private final Checker checker = SetChecker.create();

    /** 1 and 2 added ok, 3 indeterminate, 4 failed. */
    private static HistoryBuilder adds() {
        return history()
                .invoke(1, "add", 1L, 0).ok(1, "add", null, 1)
                .invoke(2, "add", 2L, 2).ok(2, "add", null, 3)
                .invoke(3, "add", 3L, 4).info(3, "add", 5)
                .invoke(4, "add", 4L, 6).fail(4, "add", "bad-version", 7);
    }

    private static HistoryBuilder read(HistoryBuilder b, String node, double at, Object... elements) {
        return b.invoke(9, "read", null, at).node(node).ok(9, "read", List.of(elements), at + 1).node(node);
    }

    @Test
    void everyAcknowledgedElementPresentOnceIsValidWhateverTheIndeterminateOnes() {
        HistoryBuilder b = read(adds(), "zk1", 10, 1L, 2L, 3L);
        read(b, "zk2", 12, 2L, 1L);

        CheckResult r = checker.check(b.build());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("okAdds", 2L).containsEntry("infoAdds", 1L)
                .containsEntry("infoAddsPresentInLastRead", 0L);
    }

    @Test
    void aMissingAcknowledgedElementIsLostOnThatServer() {
        CheckResult r = checker.check(read(adds(), "zk2", 10, 1L).build());

        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("set-element-lost");
            assertThat(a.message()).isEqualTo("zk2's final read at 0.010s lacks 1 acknowledged elements: 2 (added by "
                    + "client 2 at 0.003s)");
            assertThat(a.data()).containsEntry("elements", List.of(2L)).containsEntry("nodes", List.of("zk2"));
        });
    }

    @Test
    void duplicatesAndPhantomsAreReported() {
        CheckResult r = checker.check(read(adds(), "zk3", 10, 1L, 2L, 2L, 4L, 99L).build());

        assertThat(r.anomalies()).extracting(Anomaly::message).containsExactly(
                "zk3's final read at 0.010s lists 1 elements more than once: 2 (×2)",
                "zk3's final read at 0.010s lists 2 elements no successful add wrote: 4, 99");
    }

    @Test
    void anAddStillRunningWhenTheReadBeganMayBeMissing() {
        HistoryBuilder b = history().invoke(1, "add", 1L, 0).invoke(9, "read", null, 1).ok(1, "add", null, 2)
                .ok(9, "read", List.of(), 3).node("zk1");

        assertThat(checker.check(b.build()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void withoutAFinalReadTheVerdictIsUnknown() {
        assertThat(checker.check(adds().build()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
