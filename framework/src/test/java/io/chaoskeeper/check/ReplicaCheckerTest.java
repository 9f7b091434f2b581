package io.chaoskeeper.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaCheckerTest {

    private static HistoryBuilder read(HistoryBuilder b, String f, String node, double at, Object value) {
        return b.invoke(9, f, null, at).node(node).ok(9, f, value, at + 1).node(node);
    }

    @Test
    void serversAgreeingInAnyOrderAreValid() {
        HistoryBuilder b = history();
        read(b, "read", "zk1", 0, List.of(1L, 2L));
        read(b, "read", "zk2", 2, List.of(2L, 1L));
        read(b, "read", "zk3", 4, List.of(1, 2));

        assertThat(ReplicaChecker.create().check(b.build()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theServerThatDiffersFromTheMajorityIsNamedWithTheDifference() {
        HistoryBuilder b = history();
        read(b, "read", "zk1", 0, List.of(1L, 2L, 3L));
        read(b, "read", "zk2", 2, List.of(1L, 4L));
        read(b, "read", "zk3", 4, List.of(3L, 2L, 1L));

        CheckResult r = ReplicaChecker.create().check(b.build());

        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("replicas-disagree");
            assertThat(a.message()).isEqualTo("the final reads of zk1 (at 0.000s) and zk2 (at 0.002s) disagree: zk2 "
                    + "lacks 2 elements zk1 has (2, 3) and has 1 it lacks (4)");
            assertThat(a.data()).containsEntry("nodes", List.of("zk1", "zk2"))
                    .containsEntry("missing", List.of(2L, 3L)).containsEntry("extra", List.of(4L));
        });
    }

    @Test
    void onlyTheLastReadOfEachServerCountsAndOtherFunctionsCanBeCompared() {
        HistoryBuilder b = history();
        read(b, "members", "zk1", 0, List.of("a"));
        read(b, "members", "zk2", 2, List.of("a", "b"));
        read(b, "members", "zk1", 4, List.of("b", "a"));
        read(b, "read", "zk1", 6, 5L);
        read(b, "read", "zk2", 8, 6L);

        assertThat(ReplicaChecker.create().withFunction("members").check(b.build()).verdict())
                .isEqualTo(Verdict.VALID);
        assertThat(ReplicaChecker.create().check(b.build()).anomalies()).extracting(Anomaly::message)
                .containsExactly("the final reads of zk1 (at 0.006s) and zk2 (at 0.008s) disagree: zk1 read 5 but zk2 "
                        + "read 6");
    }

    @Test
    void readsWithoutAServerAreNotReplicas() {
        HistoryBuilder b = read(history(), "read", "zk1", 0, List.of(1L));
        b.invoke(8, "read", null, 2).ok(8, "read", List.of(2L), 3);

        assertThat(ReplicaChecker.create().check(b.build()).summary()).startsWith("only 1 server(s)");
    }

    @Test
    void oneServerIsNotEnoughToCompare() {
        CheckResult r = ReplicaChecker.create().check(read(history(), "read", "zk1", 0, List.of()).build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).startsWith("only 1 server(s)");
    }
}
