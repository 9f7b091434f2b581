package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which verdicts leave a per-class ensemble unfit for the next run. */
class DivergenceTest {

    private static CheckResult result(String checker, Verdict verdict) {
        List<Anomaly> anomalies = verdict == Verdict.INVALID
                ? List.of(new Anomaly("disagreement", checker + " found one", List.of(), Map.of())) : List.of();
        return new CheckResult(checker, verdict, checker + " " + verdict, anomalies, 0, Duration.ZERO, Map.of());
    }

    @Test
    void serversThatDisagreeMakeTheEnsembleUnfitAndAreNamed() {
        assertThat(Divergence.of(List.of(result("set", Verdict.VALID), result("replicas(read)", Verdict.INVALID),
                result("server-digest", Verdict.INVALID))))
                .hasValue("its servers disagree (replicas(read), server-digest invalid)");
        assertThat(Divergence.of(List.of(result("zab-logs", Verdict.INVALID)))).isPresent();
        assertThat(Divergence.of(List.of(result("server-sync", Verdict.INVALID)))).isPresent();
    }

    @Test
    void anomaliesClientsSawAloneOrUndecidedComparisonsKeepTheEnsemble() {
        assertThat(Divergence.of(List.of(result("linearizability(znode)", Verdict.INVALID),
                result("set", Verdict.INVALID), result("zab-logs", Verdict.UNKNOWN),
                result("replicas(read)", Verdict.VALID)))).isEmpty();
        assertThat(Divergence.of(List.of())).isEmpty();
    }
}
