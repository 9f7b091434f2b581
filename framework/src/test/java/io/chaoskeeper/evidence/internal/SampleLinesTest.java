package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleLinesTest {

    @TempDir
    Path dir;

    @Test
    void aLineHoldsEveryContractFieldWithNullsForWhatTheServerDidNotSay() {
        assertThat(SampleLines.toLine(new NodeSample(5, "zk1", 1, NodeState.LEADER, 1L, 0x100000003L, 1, null)))
                .isEqualTo("{\"time\":5,\"node\":\"zk1\",\"id\":1,\"state\":\"leader\",\"epoch\":1,"
                        + "\"zxid\":4294967299,\"leader\":1}");
        assertThat(SampleLines.toLine(new NodeSample(7, "zk2", 2, NodeState.PAUSED, null, null, null, "paused")))
                .isEqualTo("{\"time\":7,\"node\":\"zk2\",\"id\":2,\"state\":\"paused\",\"epoch\":null,"
                        + "\"zxid\":null,\"leader\":null,\"error\":\"paused\"}");
    }

    @Test
    void writtenSamplesReadBackAsTheyWereAndUnknownFieldsAreIgnored() throws IOException {
        Path file = dir.resolve("cluster.jsonl");
        List<NodeSample> samples = List.of(
                new NodeSample(100, "zk1", 1, NodeState.LEADER, 1L, 0x100000000L, 1, null),
                new NodeSample(120, "zk2", 2, NodeState.FOLLOWER, 1L, 0x100000000L, 1, null),
                new NodeSample(200, "zk1", 1, NodeState.DOWN, null, null, null, "no answer to srvr within 70 ms"));
        try (SampleWriter writer = new SampleWriter(file)) {
            samples.forEach(writer::write);
        }
        Files.writeString(file, "{\"time\":300,\"node\":\"zk2\",\"id\":2,\"state\":\"looking\",\"future\":[1]}\n\n",
                java.nio.file.StandardOpenOption.APPEND);
        ClusterTimeline timeline = ClusterTimeline.read(file);
        assertThat(timeline.nodes()).containsExactly("zk1", "zk2");
        assertThat(timeline.samples("zk1")).containsExactly(samples.get(0), samples.get(2));
        assertThat(timeline.samples("zk2")).containsExactly(samples.get(1),
                new NodeSample(300, "zk2", 2, NodeState.LOOKING, null, null, null, null));
    }

    @Test
    void aLineThatIsNotASampleIsNamedWithItsLineNumber() throws IOException {
        Path file = dir.resolve("cluster.jsonl");
        Files.writeString(file, SampleLines.toLine(new NodeSample(1, "zk1", 1, NodeState.LEADER, 1L, 1L, 1, null))
                + "\n{\"time\":2,\"node\":\"zk1\",\"id\":1}\n");
        assertThatThrownBy(() -> ClusterTimeline.read(file)).isInstanceOf(IOException.class)
                .hasMessage("cluster.jsonl:2 has no \"state\"");
        Files.writeString(file, "{\"time\":2,\"node\":\"zk1\",\"id\":1,\"state\":\"sleepy\"}\n");
        assertThatThrownBy(() -> ClusterTimeline.read(file)).hasMessageStartingWith("cluster.jsonl:1 is not a "
                + "cluster sample");
    }

    @Test
    void aMissingFileIsAnEmptyTimeline() throws IOException {
        assertThat(ClusterTimeline.read(dir.resolve("none.jsonl")).nodes()).isEmpty();
    }
}
