package io.chaoskeeper.fault;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionTest {

    private static final List<String> FIVE = List.of("zk1", "zk2", "zk3", "zk4", "zk5");

    /** The nodes each node still hears: itself and everyone it holds no grudge against. */
    private static Set<String> heard(Partition p, String node) {
        Set<String> heard = new TreeSet<>(FIVE);
        heard.removeAll(p.grudge().getOrDefault(node, List.of()));
        return heard;
    }

    @Test
    void isolatingANodeCutsItOffBothWays() {
        Partition p = Faults.isolate(Targets.named("zk2")).resolve(FIVE, new Random(1));
        assertThat(p.grudge().get("zk2")).containsExactly("zk1", "zk3", "zk4", "zk5");
        for (String other : List.of("zk1", "zk3", "zk4", "zk5")) {
            assertThat(p.grudge().get(other)).containsExactly("zk2");
        }
    }

    @Test
    void theLeaderIsBoundOnlyWhenApplied() {
        Partition open = Faults.isolateLeader().resolve(FIVE, new Random(1));
        assertThat(open.needsLeader()).isTrue();
        assertThat(open.grudge()).isEmpty();
        Partition bound = open.withLeader("zk4", FIVE);
        assertThat(bound.needsLeader()).isFalse();
        assertThat(bound.grudge().get("zk4")).containsExactly("zk1", "zk2", "zk3", "zk5");
    }

    @Test
    void randomHalvesSplitIntoAMinorityAndAMajority() {
        Partition p = Faults.partitionRandomHalves().resolve(FIVE, new Random(3));
        Set<Set<String>> components = new HashSet<>();
        FIVE.forEach(node -> components.add(heard(p, node)));
        assertThat(components).extracting(Set::size).containsExactlyInAnyOrder(2, 3);
        assertThat(p.resolve(FIVE, new Random(99))).as("resolving again keeps the halves").isEqualTo(p);
    }

    @Test
    void majoritiesRingLeavesEveryNodeADifferentMajority() {
        for (long seed = 0; seed < 20; seed++) {
            Partition p = Faults.partitionMajoritiesRing().resolve(FIVE, new Random(seed));
            Set<Set<String>> views = new HashSet<>();
            for (String node : FIVE) {
                assertThat(heard(p, node)).hasSize(3).contains(node);
                views.add(heard(p, node));
                for (String dropped : p.grudge().get(node)) {
                    assertThat(p.grudge().get(dropped)).as("symmetric").contains(node);
                }
            }
            assertThat(views).hasSize(5);
        }
    }

    @Test
    void aBridgeNodeSeesBothHalvesThatCannotSeeEachOther() {
        Partition p = Faults.partitionBridge().resolve(FIVE, new Random(5));
        List<String> bridges = FIVE.stream().filter(node -> !p.grudge().containsKey(node)).toList();
        assertThat(bridges).hasSize(1);
        FIVE.stream().filter(node -> !bridges.contains(node))
                .forEach(node -> assertThat(heard(p, node)).hasSize(3).contains(bridges.get(0)));
    }

    @Test
    void aOneWayCutDropsOnlyOneDirection() {
        Partition p = Faults.partitionOneWay(Targets.named("zk1"), Targets.named("zk2", "zk3"))
                .resolve(FIVE, new Random(1));
        assertThat(p.grudge()).isEqualTo(Map.of("zk2", List.of("zk1"), "zk3", List.of("zk1")));
        assertThat(p.targets()).containsExactly("zk1", "zk2", "zk3");
    }

    @Test
    void cuttingClientsLeavesTheNodesSeeingEachOther() {
        Partition p = Faults.cutClients(Targets.named("zk2", "zk3")).resolve(FIVE, new Random(1));
        assertThat(p.grudge()).isEqualTo(Map.of("zk2", List.of(Partition.CLIENTS), "zk3", List.of(Partition.CLIENTS)));
        assertThat(p.targets()).containsExactly("zk2", "zk3");
        assertThat(heard(p, "zk2")).isEqualTo(new TreeSet<>(FIVE));
        Partition leader = Faults.cutClients(Targets.leader()).resolve(FIVE, new Random(1));
        assertThat(leader.grudge()).isEmpty();
        assertThat(leader.withLeader("zk5", FIVE).grudge()).isEqualTo(Map.of("zk5", List.of(Partition.CLIENTS)));
        assertThat(leader.withLeader("zk5", FIVE).parameters()).containsEntry("shape", "clients");
    }

    @Test
    void anExplicitGrudgeMayNameClientsBesideEnsembleNodes() {
        Partition p = Faults.partition(Map.of("zk1", List.of("zk2", Partition.CLIENTS))).resolve(FIVE, new Random());
        assertThat(p.targets()).containsExactly("zk1", "zk2");
        assertThatThrownBy(() -> Faults.partition(Map.of("zk1", List.of("client"))).resolve(FIVE, new Random()))
                .hasMessageContaining("outside the ensemble");
    }

    @Test
    void anExplicitGrudgeMustNameEnsembleNodes() {
        Partition p = Faults.partition(Map.of("zk1", List.of("zk2", "zk2", "zk3"), "zk4", List.of()));
        assertThat(p.grudge()).isEqualTo(Map.of("zk1", List.of("zk2", "zk3")));
        assertThatThrownBy(() -> Faults.partition(Map.of("zk9", List.of("zk1"))).resolve(FIVE, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the ensemble");
    }

    @Test
    void targetsPickMinoritiesAndMajorities() {
        Random random = new Random(8);
        assertThat(Targets.minority().resolve(FIVE, random).names()).hasSize(2);
        assertThat(Targets.majority().resolve(FIVE, random).names()).hasSize(3);
        assertThat(Targets.minority().resolve(List.of("a", "b", "c"), random).names()).hasSize(1);
        assertThat(Targets.random(9).resolve(FIVE, random).names()).hasSize(5);
        assertThatThrownBy(() -> Targets.named("zk7").resolve(FIVE, random)).hasMessageContaining("unknown node");
    }
}
