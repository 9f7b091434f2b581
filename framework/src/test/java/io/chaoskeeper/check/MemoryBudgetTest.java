package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory budget binds on what the searches keep, not on how many states they met: the model states a search
 * interns are charged with what they hold. {@code n} adds in a row make the set search intern sets of 1 to
 * {@code n} elements, about 4·n² bytes of slots, with only n configurations. Under 4 MiB (of which searches may keep
 * 40%), 100 adds (40 KB) are decided and 1,000 adds (4 MB) are not; the old charge, a flat 160 bytes a state,
 * counted about a tenth of what this search keeps and let it finish. No timing: both outcomes follow from the bytes
 * kept.
 */
class MemoryBudgetTest {

    private static final long BUDGET = 4L << 20;

    @Test
    void aHistoryWhoseStatesOutgrowTheBudgetIsUnknownWithTheMemoryReason() {
        CheckResult r = LinearizabilityChecker.of(Models.set()).withMemoryLimit(BUDGET).check(adds(1000));
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).isEqualTo("the memory limit of 4 MiB ran out before the search finished (raise it"
                + " with withMemoryLimit)");
    }

    @Test
    void theSameBudgetDecidesAHistoryWhoseStatesFitAndALargerOneDecidesTheBigHistory() {
        assertThat(LinearizabilityChecker.of(Models.set()).withMemoryLimit(BUDGET).check(adds(100)).verdict())
                .isEqualTo(Verdict.VALID);
        assertThat(LinearizabilityChecker.of(Models.set()).withMemoryLimit(16 * BUDGET).check(adds(1000))
                .verdict()).isEqualTo(Verdict.VALID);
    }

    /** One client adds 0..n-1 one after the other, then another reads them all. */
    private static History adds(int n) {
        List<Operation> ops = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            op(ops, Type.INVOKE, 0, "add", i);
            op(ops, Type.OK, 0, "add", i);
            all.add(i);
        }
        op(ops, Type.INVOKE, 1, "read", null);
        op(ops, Type.OK, 1, "read", all);
        return History.of(ops);
    }

    private static void op(List<Operation> ops, Type type, long process, String f, Object value) {
        ops.add(new Operation(ops.size(), type, process, f, value, ops.size(), null, null, null, null, Map.of()));
    }
}
