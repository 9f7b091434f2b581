package io.chaoskeeper.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class QueueCheckerTest {

    private final Checker checker = QueueChecker.create();

    /** 1 and 2 enqueued ok, 1 dequeued; the drain finds 2 and then empty. */
    private static HistoryBuilder delivered() {
        return history()
                .invoke(1, "enqueue", 1L, 0).ok(1, "enqueue", null, 1)
                .invoke(2, "enqueue", 2L, 2).ok(2, "enqueue", null, 3)
                .invoke(3, "dequeue", null, 4).ok(3, "dequeue", 1L, 5);
    }

    private static HistoryBuilder drain(HistoryBuilder b, double at, Long... values) {
        for (Long v : values) {
            b.invoke(9, "dequeue", null, at).ok(9, "dequeue", v, at + 1);
            at += 2;
        }
        return b.invoke(9, "dequeue", null, at).fail(9, "dequeue", "empty", at + 1);
    }

    @Test
    void everyValueDeliveredOnceIsValid() {
        CheckResult r = checker.check(drain(delivered(), 10, 2L).build());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("okDequeues", 2L).containsEntry("drained", true);
    }

    @Test
    void aValueDeliveredTwiceIsReported() {
        CheckResult r = checker.check(drain(delivered(), 10, 2L, 1L).build());

        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("queue-double-delivery");
            assertThat(a.message()).isEqualTo("value 1 was dequeued 2 times: by client 3 at 0.005s and by client 9 "
                    + "at 0.013s");
            assertThat(a.data()).containsEntry("clients", List.of("3", "9"));
        });
    }

    @Test
    void aValueNeverEnqueuedIsAPhantom() {
        CheckResult r = checker.check(drain(delivered(), 10, 2L, 7L).build());

        assertThat(r.anomalies()).extracting(Anomaly::message)
                .containsExactly("client 9 dequeued 7 at 0.013s, a value no enqueue wrote");
    }

    @Test
    void anAcknowledgedValueNeverDequeuedIsLostOnceTheQueueIsDrained() {
        CheckResult r = checker.check(drain(delivered(), 10).build());

        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("queue-element-lost");
            assertThat(a.message()).isEqualTo("1 acknowledged values were never dequeued, more than the 0 dequeues "
                    + "with unknown outcome can explain: 2 (enqueued by client 2 at 0.003s)");
        });
    }

    @Test
    void anIndeterminateDequeueMayHaveTakenTheMissingValue() {
        HistoryBuilder b = delivered().invoke(4, "dequeue", null, 6).info(4, "dequeue", 7);

        CheckResult r = checker.check(drain(b, 10).build());

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("possiblyLost", 1);
    }

    @Test
    void withoutADrainMissingValuesAreUnknown() {
        CheckResult r = checker.check(delivered().build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("does not show the queue drained");
    }
}
