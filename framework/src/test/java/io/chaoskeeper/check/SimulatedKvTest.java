package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.SimulatedKv;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.format.HistoryFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated kv histories get the verdict they were built with: brute force confirms it on small ones (so an
 * injected violation really is one), and the checker decides a sample of the 2,000-call class at 10, 20 and 50
 * clients (the 200-per-size proof is {@code chaoskeeper bench --kv-sample}).
 */
class SimulatedKvTest {

    private static final Model<?> KV = Models.kv();

    @Test
    void bruteForceConfirmsTheBuiltVerdictOnSmallHistories() {
        int invalid = 0;
        for (int seed = 0; seed < 1500; seed++) {
            boolean violation = seed % 2 == 1;
            History h;
            try {
                h = new SimulatedKv(7 + seed % 5, 3, 1 + seed % 2, violation, seed).generate();
            } catch (IllegalStateException noPlaceForAViolation) {
                continue;
            }
            boolean linearizable = LinearizabilityPropertyTest.BruteForce.linearizable(KV, h);
            assertThat(linearizable).as("seed %d: %s", seed, h.operations()).isEqualTo(!violation);
            CheckResult r = LinearizabilityChecker.of(KV).check(h);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary())
                    .isEqualTo(violation ? Verdict.INVALID : Verdict.VALID);
            invalid += violation ? 1 : 0;
        }
        assertThat(invalid).as("violations were injected").isGreaterThan(300);
    }

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {10, 20, 50})
    void manyClientHistoriesGetTheirBuiltVerdict(int clients) {
        for (int seed = 0; seed < 4; seed++) {
            boolean violation = seed % 2 == 1;
            History h = new SimulatedKv(2000, clients, 10, violation, seed).generate();
            CheckResult r = LinearizabilityChecker.of(KV).withTimeLimit(Duration.ofSeconds(120)).check(h);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary())
                    .isEqualTo(violation ? Verdict.INVALID : Verdict.VALID);
        }
    }

    @Test
    void porcupineTextReadsBackAsTheSameHistory() {
        History h = new SimulatedKv(300, 10, 3, true, 5).generate();
        History read = HistoryFormat.named("porcupine-kv").parse("generated", SimulatedKv.porcupineKv(h));
        assertThat(read.calls()).hasSameSizeAs(h.calls());
        assertThat(LinearizabilityChecker.of(KV).check(read).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(read.operations().get(7).value()).isEqualTo(h.operations().get(7).value());
    }

    @Test
    void theMemoryLimitBindsAndSaysSo() {
        History history = new SimulatedKv(2000, 50, 10, false, 0).generate();
        CheckResult r = LinearizabilityChecker.of(KV).withMemoryLimit(1L << 20).check(history);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("memory limit of 1 MiB ran out");
    }
}
