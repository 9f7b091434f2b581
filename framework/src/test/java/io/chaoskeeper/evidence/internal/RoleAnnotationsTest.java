package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoleAnnotationsTest {

    @TempDir
    Path dir;

    private final History history = History.of(List.of(
            op(0, Operation.Type.INVOKE, 0, "write", 1_000, "zk1"),
            op(1, Operation.Type.OK, 0, "write", 2_000, "zk1"),
            op(2, Operation.Type.INVOKE, 1, "read", 5_000, "zk2"),
            op(3, Operation.Type.OK, 1, "read", 6_000, "zk2"),
            op(4, Operation.Type.INVOKE, 2, "read", 7_000, null)));
    private final ClusterTimeline timeline = ClusterTimeline.of(List.of(
            new NodeSample(0, "zk1", 1, NodeState.LEADER, 1L, 0x100000000L, 1, null),
            new NodeSample(1_500, "zk1", 1, NodeState.PAUSED, null, null, null, "paused"),
            new NodeSample(0, "zk2", 2, NodeState.FOLLOWER, 1L, 0x100000000L, 1, null),
            new NodeSample(4_000, "zk2", 2, NodeState.LEADER, 2L, 0x200000000L, 2, null)));

    @Test
    void eachServerIsNamedWithItsRoleAtItsEarliestEventInTheAnomaly() {
        CheckResult invalid = invalid(new Anomaly("stale-read", "read 0 after write 1", List.of(3L, 1L, 0L),
                Map.of()));
        Anomaly annotated = RoleAnnotations.annotate(List.of(invalid), history, timeline).get(0).anomalies().get(0);
        assertThat(annotated.servers()).containsExactly(new ServerRole("zk2", "leader", 2L),
                new ServerRole("zk1", "leader", 1L));
        assertThat(annotated.message()).isEqualTo("read 0 after write 1 [servers: zk2 (leader, epoch 2), "
                + "zk1 (leader, epoch 1)]");
    }

    @Test
    void aServerWithoutSampleOrAnOperationWithoutServerNamesNoOne() {
        Anomaly noServer = new Anomaly("odd", "no server", List.of(4L, 99L), Map.of());
        CheckResult annotated = RoleAnnotations.annotate(List.of(invalid(noServer)), history,
                ClusterTimeline.of(List.of())).get(0);
        assertThat(annotated.anomalies()).containsExactly(noServer);
    }

    @Test
    void rolesSurviveChecksJson() throws Exception {
        CheckResult invalid = invalid(new Anomaly("stale-read", "read 0", List.of(0L), Map.of()));
        List<CheckResult> annotated = RoleAnnotations.annotate(List.of(invalid), history, timeline);
        Path file = dir.resolve("checks.json");
        CheckResultJson.write(file, annotated);
        assertThat(java.nio.file.Files.readString(file)).contains("\"servers\" : [ {", "\"node\" : \"zk1\"",
                "\"role\" : \"leader\"", "\"epoch\" : 1");
        assertThat(CheckResultJson.read(file).get(0).anomalies().get(0).servers())
                .containsExactly(new ServerRole("zk1", "leader", 1L));
    }

    private static CheckResult invalid(Anomaly anomaly) {
        return new CheckResult("test", Verdict.INVALID, "bad", List.of(anomaly), 5, Duration.ZERO, Map.of());
    }

    private static Operation op(long index, Operation.Type type, long process, String f, long time, String node) {
        return new Operation(index, type, process, f, null, time, "r", node, null, null, Map.of());
    }
}
