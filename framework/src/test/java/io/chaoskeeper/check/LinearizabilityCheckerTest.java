package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinearizabilityCheckerTest {

    /** Builds histories event by event: {@code e(type, process, f, value)}, optionally with a key or error. */
    private final List<Operation> events = new ArrayList<>();

    private LinearizabilityCheckerTest e(Type type, long process, String f, Object value) {
        return e(type, process, f, value, null, null);
    }

    private LinearizabilityCheckerTest e(Type type, long process, String f, Object value, String key, String error) {
        events.add(new Operation(events.size(), type, process, f, value, events.size(), key, null, error, null,
                Map.of()));
        return this;
    }

    private History history() {
        return History.of(events);
    }

    @Test
    void aReadOfAValueThatCannotBeThereGivesACounterexampleInWords() {
        // Knossos' rethink-fail-minimal: value 0, then a read of 3 concurrent with a write of 4.
        e(Type.INVOKE, 0, "write", 0L).e(Type.OK, 0, "write", 0L)
                .e(Type.INVOKE, 1, "read", null).e(Type.INVOKE, 2, "write", 4L)
                .e(Type.OK, 1, "read", 3L).e(Type.OK, 2, "write", 4L)
                .e(Type.INVOKE, 3, "read", null).e(Type.OK, 3, "read", 4L);
        // 0 is written twice by the history's own rules (Knossos starts at 0), so the full search decides.
        CheckResult r = LinearizabilityChecker.of(Models.named("cas-register", HistoryFormat.KNOSSOS_EDN.rules()))
                .check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).isEqualTo("read 3 (event 2) cannot be linearized: at that point the cas-register"
                + " could only be 0 or 4");
        Anomaly a = r.anomalies().get(0);
        assertThat(a.kind()).isEqualTo("not-linearizable");
        assertThat(a.operations()).containsExactly(2L, 4L, 3L);
        assertThat(a.data()).containsEntry("prefix", List.of(0L, 3L)).containsEntry("failing", 2L)
                .containsEntry("concurrent", List.of(3L)).containsEntry("states", List.of("0", "4"));
    }

    @Test
    void aStaleReadWithUniqueValuesIsFoundWithoutSearching() {
        e(Type.INVOKE, 0, "write", 1L).e(Type.OK, 0, "write", 1L)
                .e(Type.INVOKE, 0, "write", 2L).e(Type.OK, 0, "write", 2L)
                .e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", 1L);
        CheckResult r = LinearizabilityChecker.of(Models.register()).check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).isEqualTo("read 1 (event 4) read a stale value: write 1 (event 0) was replaced by"
                + " write 2 (event 2) before the read began");
        assertThat(r.stats()).containsEntry("uniqueValueShortcuts", 1).containsEntry("configurations", 0L);
        assertThat(r.anomalies().get(0).data()).containsEntry("prefix", List.of(0L, 2L));
    }

    @Test
    void anIndeterminateWriteMayHappenLateOrNever() {
        e(Type.INVOKE, 0, "write", 1L).e(Type.INFO, 0, "write", null)
                .e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", null)
                .e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", 1L);
        assertThat(LinearizabilityChecker.of(Models.register()).check(history()).verdict()).isEqualTo(Verdict.VALID);
        events.clear();
        e(Type.INVOKE, 0, "write", 1L).e(Type.FAIL, 0, "write", null)
                .e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", 1L);
        assertThat(LinearizabilityChecker.of(Models.register()).check(history()).verdict())
                .as("a failed write never happened").isEqualTo(Verdict.INVALID);
    }

    @Test
    void aFailedCasIsAnObservationOnlyUnderRulesThatSaySo() {
        // write 1; cas 1->2 fails: with etcd's rules the value was not 1 then, a contradiction.
        e(Type.INVOKE, 0, "write", 1L).e(Type.OK, 0, "write", 1L)
                .e(Type.INVOKE, 0, "cas", List.of(1L, 2L)).e(Type.FAIL, 0, "cas", List.of(1L, 2L));
        assertThat(LinearizabilityChecker.of(Models.named("cas-register", HistoryFormat.JEPSEN_LOG.rules()))
                .check(history()).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(LinearizabilityChecker.of(Models.named("cas-register", HistoryFormat.KNOSSOS_EDN.rules()))
                .check(history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void keysAreCheckedIndependentlyAndNamedInTheAnomaly() {
        e(Type.INVOKE, 0, "write", 1L, "a", null).e(Type.OK, 0, "write", 1L, "a", null)
                .e(Type.INVOKE, 1, "read", null, "b", null).e(Type.OK, 1, "read", 1L, "b", null);
        CheckResult r = LinearizabilityChecker.of(Models.register()).check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.stats()).containsEntry("partitions", 2);
        assertThat(r.summary()).startsWith("key b: read 1 (event 2) saw a value that no operation wrote");
        assertThat(r.anomalies().get(0).data()).containsEntry("key", "b");
    }

    @Test
    void theZnodeModelFollowsVersions() {
        e(Type.INVOKE, 0, "write", 5L).e(Type.OK, 0, "write", List.of(5L, 1L))
                .e(Type.INVOKE, 1, "cas", List.of(1L, 6L)).e(Type.OK, 1, "cas", List.of(6L, 2L))
                .e(Type.INVOKE, 2, "cas", List.of(1L, 7L)).e(Type.FAIL, 2, "cas", null, null, "bad-version")
                .e(Type.INVOKE, 2, "read", null).e(Type.OK, 2, "read", List.of(6L, 2L));
        assertThat(LinearizabilityChecker.of(Models.znode()).check(history()).verdict()).isEqualTo(Verdict.VALID);
        e(Type.INVOKE, 3, "read", null).e(Type.OK, 3, "read", List.of(6L, 1L));
        assertThat(LinearizabilityChecker.of(Models.znode()).check(history()).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aTimedOutWriteThatOnlyAFailedCasSawStillExplainsIt() {
        // versions 1..1 are all made by ok writes, so the timed-out write is left out first; without it the failed
        // cas (expecting version 1 after the write's version 1) does not fit, and the whole search must say valid
        e(Type.INVOKE, 0, "write", 5L).e(Type.OK, 0, "write", List.of(5L, 1L))
                .e(Type.INVOKE, 1, "write", 6L).e(Type.INFO, 1, "write", null)
                .e(Type.INVOKE, 2, "cas", List.of(1L, 7L)).e(Type.FAIL, 2, "cas", null, null, "bad-version");
        assertThat(LinearizabilityChecker.of(Models.znode()).check(history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theVersionsTellWhichTimedOutWriteTookEffect() {
        // version 2 was made by a timed-out write and read as 8: the write of 8 took effect, the write of 9 need not
        e(Type.INVOKE, 0, "write", 5L).e(Type.OK, 0, "write", List.of(5L, 1L))
                .e(Type.INVOKE, 1, "write", 8L).e(Type.INFO, 1, "write", null)
                .e(Type.INVOKE, 3, "write", 9L).e(Type.INFO, 3, "write", null)
                .e(Type.INVOKE, 2, "read", null).e(Type.OK, 2, "read", List.of(8L, 2L))
                .e(Type.INVOKE, 2, "write", 10L).e(Type.OK, 2, "write", List.of(10L, 3L));
        assertThat(LinearizabilityChecker.of(Models.znode()).check(history()).verdict()).isEqualTo(Verdict.VALID);
        e(Type.INVOKE, 2, "read", null).e(Type.OK, 2, "read", List.of(9L, 2L));
        assertThat(LinearizabilityChecker.of(Models.znode()).check(history()).verdict())
                .as("version 2 cannot hold 8 and 9").isEqualTo(Verdict.INVALID);
    }

    @Test
    void theMutexKnowsItsOwner() {
        e(Type.INVOKE, 0, "acquire", null).e(Type.OK, 0, "acquire", null)
                .e(Type.INVOKE, 1, "release", null).e(Type.OK, 1, "release", null);
        CheckResult r = LinearizabilityChecker.of(Models.mutex()).check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).contains("release by process 1").contains("held by process 0");
    }

    @Test
    void queuesAndSets() {
        e(Type.INVOKE, 0, "enqueue", 1L).e(Type.INVOKE, 1, "enqueue", 2L).e(Type.OK, 0, "enqueue", 1L)
                .e(Type.OK, 1, "enqueue", 2L).e(Type.INVOKE, 0, "dequeue", null).e(Type.OK, 0, "dequeue", 2L)
                .e(Type.INVOKE, 0, "dequeue", null).e(Type.OK, 0, "dequeue", 1L)
                .e(Type.INVOKE, 0, "dequeue", null).e(Type.FAIL, 0, "dequeue", null, null, "empty");
        assertThat(LinearizabilityChecker.of(Models.fifoQueue()).check(history()).verdict()).isEqualTo(Verdict.VALID);
        e(Type.INVOKE, 1, "dequeue", null).e(Type.OK, 1, "dequeue", 1L);
        assertThat(LinearizabilityChecker.of(Models.fifoQueue()).check(history()).verdict())
                .isEqualTo(Verdict.INVALID);
        assertThat(LinearizabilityChecker.of(Models.unorderedQueue()).check(history()).verdict())
                .isEqualTo(Verdict.INVALID);
        events.clear();
        e(Type.INVOKE, 0, "add", 1L).e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", List.of(1L))
                .e(Type.OK, 0, "add", 1L).e(Type.INVOKE, 1, "read", null).e(Type.OK, 1, "read", List.of());
        assertThat(LinearizabilityChecker.of(Models.set()).check(history()).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anOperationTheModelDoesNotKnowIsUnknownWithTheReason() {
        e(Type.INVOKE, 0, "increment", 1L).e(Type.OK, 0, "increment", 1L);
        CheckResult r = LinearizabilityChecker.of(Models.register()).check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).isEqualTo("the register model has no operation 'increment' (event 0); it knows read,"
                + " write");
    }

    @Test
    void aHistoryThatIsNotWellFormedIsUnknown() {
        e(Type.OK, 0, "read", 1L);
        CheckResult r = LinearizabilityChecker.of(Models.register()).check(history());
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("completes an operation it never invoked");
    }

    @Test
    void runningOutOfTimeOrMemoryIsUnknownWithTheReason() {
        History hard = Adversary.history(30, 400, 1);
        CheckResult late = LinearizabilityChecker.of(Models.register()).withTimeLimit(Duration.ofMillis(1))
                .check(hard);
        assertThat(late.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(late.summary()).isEqualTo("the time limit ran out before the search finished");
        CheckResult small = LinearizabilityChecker.of(Models.register()).withMemoryLimit(1).check(hard);
        assertThat(small.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(small.summary()).startsWith("the memory limit of 1 MiB ran out");
    }

    @Test
    void generatedHistoriesWithManyKeysAreCheckedInParallel() {
        History h = new SimulatedRegister(6000, 10, 4, 0.05, 0, 3).generate();
        CheckResult r = LinearizabilityChecker.of(Models.casRegister()).withParallelism(2).check(h);
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("partitions", 4);
        assertThat(r.operations()).isEqualTo(6000);
    }
}
