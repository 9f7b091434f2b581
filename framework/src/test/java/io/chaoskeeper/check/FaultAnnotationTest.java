package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class FaultAnnotationTest {

    private static Operation fault(String f, long id, long ms) {
        return new Operation(0, Type.INFO, Operation.NEMESIS, f, Map.of("id", id, "kind", "partition",
                "targets", List.of("zk1")), ms * 1_000_000, null, null, null, null, Map.of());
    }

    /** A double grant at 20–30 ms; partition 1 covers 15–25 ms, partition 2 starts at 50 ms and never stops. */
    private static History overlapUnderPartition() {
        List<Operation> ops = new ArrayList<>(history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 7L, 10)
                .invoke(2, "acquire", null, 15).ok(2, "acquire", 8L, 20)
                .invoke(1, "release", null, 30).ok(1, "release", null, 31)
                .invoke(2, "release", null, 40).ok(2, "release", null, 41).build().operations());
        ops.add(3, fault("fault-start", 1, 15));
        ops.add(5, fault("fault-stop", 1, 25));
        ops.add(fault("fault-start", 2, 50));
        List<Operation> indexed = new ArrayList<>();
        for (Operation op : ops) {
            indexed.add(op.withIndex(indexed.size()));
        }
        return History.of(indexed);
    }

    @Test
    void anomaliesNameTheFaultsActiveWhileTheyHappened() {
        CheckResult r = LockSafetyChecker.create().check(overlapUnderPartition());

        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            List<?> faults = (List<?>) a.data().get("faults");
            assertThat(faults).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> fault = (Map<String, Object>) faults.get(0);
            assertThat(fault).containsEntry("id", 1L).containsEntry("kind", "partition")
                    .containsEntry("start", 15_000_000L).containsEntry("end", 25_000_000L);
        });
    }

    @Test
    void withoutFaultsTheDataIsLeftAlone() {
        CheckResult r = LockSafetyChecker.create().check(history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 7L, 10)
                .invoke(2, "acquire", null, 15).ok(2, "acquire", 8L, 20)
                .invoke(1, "release", null, 30).ok(1, "release", null, 31).build());

        assertThat(r.anomalies()).singleElement().satisfies(a -> assertThat(a.data()).doesNotContainKey("faults"));
    }
}
