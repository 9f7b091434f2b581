package io.chaoskeeper.check;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of {@link ZooKeeperGuaranteesChecker}: simulated correct ensembles (lagging servers, reconnects,
 * indeterminate writes) are always valid, and each injected violation is found with its kind.
 */
class SimulatedZooKeeperTest {

    private static final int CASES = 2000;
    private final Checker checker = ZooKeeperGuaranteesChecker.create();

    private static List<Call> ok(History h, String f) {
        return h.calls().stream().filter(c -> c.outcome() == Type.OK && c.invoke().f().equals(f)).toList();
    }

    private static String client(Call c) {
        return (String) c.invoke().extra().get("client");
    }

    private void assertFound(History h, long seed, String kind) {
        CheckResult r = checker.check(h);
        assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).as("seed %d", seed).extracting(Anomaly::kind).contains(kind);
    }

    @Test
    void simulatedEnsemblesAreValidAndMeasureStaleness() {
        long stale = 0;
        for (long seed = 0; seed < CASES; seed++) {
            CheckResult r = checker.check(SimulatedZooKeeper.history(seed));
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.VALID);
            stale += (Long) r.stats().get("staleReads");
        }
        assertThat(stale).as("lagging servers serve stale plain reads").isPositive();
    }

    @Test
    void aReadOfAValueNeverWrittenOrOfTheWrongVersionIsFound() {
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History h = SimulatedZooKeeper.history(seed);
            List<Long> written = ok(h, "write").stream().map(c -> c.completion().zxid()).toList();
            Call read = ok(h, "read").stream().filter(c -> written.contains(c.completion().zxid())).findFirst()
                    .orElse(null);
            if (read == null) {
                continue;
            }
            Operation done = read.completion();
            assertFound(SimulatedZooKeeper.withState(h, done.index(), 1_000_000L, done.zxid(),
                    done.extra().get("version")), seed, "read-state-mismatch");
            long version = ((Number) done.extra().get("version")).longValue();
            assertFound(SimulatedZooKeeper.withState(h, done.index(), done.value(), done.zxid(), version + 7), seed,
                    "read-state-mismatch");
            assertFound(SimulatedZooKeeper.withState(h, done.index(), 1_000_000L, done.zxid() + 1_000, version),
                    seed, "read-never-written");
            injected++;
        }
        assertThat(injected).isGreaterThan(CASES * 9 / 10);
    }

    @Test
    void aWriteZxidOutOfRealTimeOrderIsFound() {
        int injected = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History h = SimulatedZooKeeper.history(seed);
            List<Call> writes = ok(h, "write");
            for (Call b : writes) {
                Call a = writes.stream().filter(w -> w.endTime() < b.invoke().time())
                        .max(Comparator.comparingLong(w -> w.completion().zxid())).orElse(null);
                if (a != null) {
                    Operation done = b.completion();
                    assertFound(SimulatedZooKeeper.withState(h, done.index(), done.value(), a.completion().zxid(),
                            done.extra().get("version")), seed,
                            client(a).equals(client(b)) ? "fifo-order-violated" : "write-zxid-not-real-time");
                    injected++;
                    break;
                }
            }
        }
        assertThat(injected).isGreaterThan(CASES * 9 / 10);
    }

    @Test
    void aStaleSyncReadAndAClientGoingBackwardsAreFound() {
        int sync = 0;
        int backwards = 0;
        for (long seed = 0; seed < CASES; seed++) {
            History h = SimulatedZooKeeper.history(seed);
            List<Call> writes = ok(h, "write");
            List<Call> calls = h.calls().stream().filter(c -> c.outcome() == Type.OK).toList();
            for (Call read : ok(h, "read")) {
                // two writes of its znode certainly completed before the read began: return the older one's state
                List<Call> before = writes.stream().filter(w -> w.invoke().key().equals(read.invoke().key())
                        && w.endTime() < read.invoke().time())
                        .sorted(Comparator.comparingLong(w -> w.completion().zxid())).toList();
                if (before.size() < 2) {
                    continue;
                }
                Operation older = before.get(before.size() - 2).completion();
                History injected = SimulatedZooKeeper.withState(h, read.completion().index(), older.value(),
                        older.zxid(), older.extra().get("version"));
                boolean isSync = "sync".equals(read.invoke().extra().get("readMode"));
                long view = calls.stream().filter(c -> client(c).equals(client(read))
                        && c.endTime() < read.invoke().time()).mapToLong(c -> c.completion().zxid()).max().orElse(0);
                if (isSync && seed % 2 == 0) {
                    assertFound(injected, seed, "stale-sync-read");
                    sync++;
                    break;
                }
                if (!isSync && seed % 2 == 1 && view >= before.get(before.size() - 1).completion().zxid()) {
                    assertFound(injected, seed, "zxid-went-backwards");
                    backwards++;
                    break;
                }
            }
        }
        assertThat(sync).isGreaterThan(CASES / 10);
        assertThat(backwards).isGreaterThan(CASES / 10);
    }
}
