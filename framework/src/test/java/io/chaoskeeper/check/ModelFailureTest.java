package io.chaoskeeper.check;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker never throws: a model that fails makes the check unknown with the reason, on every path. */
class ModelFailureTest {

    /** A counter that cannot handle a read of nothing, the way a model with a gap fails. */
    private static final Model<Long> FRAGILE = new Model<>() {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public Long init() {
            return 0L;
        }

        @Override
        public Long step(Long state, Call call) {
            long read = (Long) call.value(); // a nil read is an unboxing NullPointerException
            return read == state ? state : null;
        }
    };

    /** {@code ops} reads of 0 by four processes on three keys (so several parts), the last one reading nil. */
    private static History reads(int ops) {
        List<Operation> events = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            Object value = i == ops - 1 ? null : 0L;
            String key = "k" + i % 3;
            events.add(Operation.of(2L * i, Type.INVOKE, i % 4, "read", null, 2L * i).withKey(key));
            events.add(Operation.of(2L * i + 1, Type.OK, i % 4, "read", value, 2L * i + 1).withKey(key));
        }
        return History.of(events);
    }

    @Test
    void aThrowingModelGivesUnknownOnTheSequentialAndTheParallelPath() {
        for (int ops : List.of(10, 6_000)) {
            CheckResult r = LinearizabilityChecker.of(FRAGILE).withParallelism(2).check(reads(ops));
            assertThat(r.verdict()).as(ops + " ops").isEqualTo(Verdict.UNKNOWN);
            assertThat(r.summary()).as(ops + " ops")
                    .startsWith("key k" + (ops - 1) % 3 + ": the fragile model cannot judge this history (it threw NullPointerException");
        }
        assertThat(LinearizabilityChecker.of(FRAGILE).check(reads(1)).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aFifoQueueEnqueueOfNilIsUnknownWithTheEvent() {
        History h = History.of(List.of(Operation.of(0, Type.INVOKE, 0, "enqueue", null, 0),
                Operation.of(1, Type.OK, 0, "enqueue", null, 1)));
        CheckResult r = LinearizabilityChecker.of(Models.named("fifo-queue", HistoryFormat.Rules.CHAOSKEEPER))
                .check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).isEqualTo("event 0: enqueue needs a value, got nil");
    }
}
