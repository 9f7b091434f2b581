package io.chaoskeeper.evidence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTimelineTest {

    private final NodeSample leading = new NodeSample(100, "zk1", 1, NodeState.LEADER, 1L, 0x100000000L, 1, null);
    private final NodeSample paused = new NodeSample(200, "zk1", 1, NodeState.PAUSED, null, null, null, "paused");
    private final NodeSample following = new NodeSample(150, "zk2", 2, NodeState.FOLLOWER, 1L, 0x100000002L, 1, null);
    private final ClusterTimeline timeline = ClusterTimeline.of(List.of(paused, following, leading));

    @Test
    void aNodeIsWhatItsLastSampleAtOrBeforeTheTimeSays() {
        assertThat(timeline.at("zk1", 100)).contains(leading);
        assertThat(timeline.at("zk1", 199)).contains(leading);
        assertThat(timeline.at("zk1", 200)).contains(paused);
        assertThat(timeline.at("zk1", 10_000)).contains(paused);
        assertThat(timeline.at("zk2", 150)).contains(following);
    }

    @Test
    void beforeItsFirstSampleOrUnsampledANodeIsUnknown() {
        assertThat(timeline.at("zk1", 99)).isEmpty();
        assertThat(timeline.at("zk3", 150)).isEmpty();
    }

    @Test
    void samplesAreKeptInTimeOrderPerNode() {
        assertThat(timeline.samples("zk1")).containsExactly(leading, paused);
        assertThat(timeline.nodes()).containsExactly("zk1", "zk2");
    }

    @Test
    void aRoleIsDescribedWithItsEpochWhenItHasOne() {
        assertThat(leading.describe()).isEqualTo("leader, epoch 1");
        assertThat(paused.describe()).isEqualTo("paused");
    }
}
