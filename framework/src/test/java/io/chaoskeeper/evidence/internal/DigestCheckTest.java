package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DigestCheckTest {

    @Test
    void noMismatchOnAnyServerIsValid() {
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L), facts("zk2", NodeState.FOLLOWER,
                0L)));
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.checker()).isEqualTo("server-digest");
        assertThat(r.summary()).isEqualTo("no digest mismatch on 2 servers");
    }

    @Test
    void aMismatchOnAServerIsAnAnomalyNamingItAndItsRole() {
        CheckResult r = DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L),
                facts("zk3", NodeState.FOLLOWER, 4L), facts("zk2", NodeState.DOWN, null)));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("digest-mismatch");
            assertThat(a.servers()).containsExactly(new ServerRole("zk3", "follower", 1L));
            assertThat(a.message()).startsWith("zk3 (follower, epoch 1) counted 4 digest mismatches");
        });
        assertThat(r.stats()).containsEntry("unanswered", List.of("zk2"));
    }

    @Test
    void aServerThatDidNotSayIsNamedAndNoCountAtAllIsUnknown() {
        assertThat(DigestCheck.of(List.of(facts("zk1", NodeState.LEADER, 0L), facts("zk2", NodeState.PAUSED, null)))
                .summary()).isEqualTo("no digest mismatch on 1 server (zk2 did not say)");
        assertThat(DigestCheck.of(List.of(facts("zk1", NodeState.DOWN, null))).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    private static ServerFacts facts(String node, NodeState state, Long mismatches) {
        return new ServerFacts(node, state, state.isServing() ? 1L : null, mismatches, Map.of());
    }
}
