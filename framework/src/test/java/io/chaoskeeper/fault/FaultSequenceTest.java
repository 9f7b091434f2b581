package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperNode;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Sequences against a simulated cluster: which node each step aims at, what is recorded, what is healed. */
class FaultSequenceTest {

    private static final Duration SHORT = Duration.ofMillis(30);

    @Test
    void staleNodeTakesOverIsolatesTheHighestFollowerThenKillsTheLeaderOnceItServesAgain()
            throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 3);
        List<FaultEvent> events = run(FaultSchedules.staleNodeTakesOver(SHORT), cluster, 1, 6);

        assertThat(cluster.prepared).as("readied before the first step").containsExactly("partition", "kill");
        assertThat(cluster.log.subList(0, 4)).containsExactly("partition zk2", "heal zk2", "kill zk3", "heal zk3");
        assertThat(cluster.log.subList(4, 6)).as("round two: zk2 leads now, zk3 is the highest follower")
                .containsExactly("partition zk3", "heal zk3");
        FaultEvent isolation = events.get(0);
        assertThat(isolation.kind()).isEqualTo("partition");
        assertThat(isolation.parameters()).containsEntry("role", "the highest follower").containsEntry("node", "zk2")
                .containsEntry("leader", "zk3");
        assertThat(events.get(2).parameters()).containsEntry("role", "the leader").containsEntry("node", "zk3");
        assertThat(events.get(3).parameters()).as("the old leader restarts under the rejoined node")
                .containsEntry("node", "zk3").containsEntry("leader", "zk2");
        assertThat(events).extracting(FaultEvent::start).startsWith(true, false, true, false);
    }

    @Test
    void rollingRestartsTakeTheFollowersByIdAndTheLeaderLast() throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(5, 2);
        run(FaultSchedules.rollingRestarts(SHORT), cluster, 1, 10);

        assertThat(cluster.log.stream().filter(l -> l.startsWith("kill")).limit(5))
                .containsExactly("kill zk1", "kill zk3", "kill zk4", "kill zk5", "kill zk2");
    }

    @Test
    void killDuringSyncKillsTheLeaderOnceTheRestartedFollowerAnswersThenRestartsIt() throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 3);
        List<FaultEvent> events = run(FaultSchedules.killDuringSync(SHORT), cluster, 1, 8);

        assertThat(cluster.log.subList(0, 8)).as("round two: zk1 leads, zk2 is follower 1").containsExactly(
                "kill zk1", "heal zk1", "kill zk3", "heal zk3", "kill zk2", "heal zk2", "kill zk1", "heal zk1");
        assertThat(events.get(2).parameters()).containsEntry("role", "the leader").containsEntry("node", "zk3");
    }

    @Test
    void membershipChangesRemoveAFollowerThenRemoveOneWhileItIsCutOffAndHealTheCutLast()
            throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 3);
        List<FaultEvent> events = run(FaultSchedules.membershipChanges(SHORT), cluster, 1, 6);

        assertThat(cluster.prepared).containsExactly("reconfig", "partition", "reconfig");
        assertThat(FaultSchedules.membershipChanges(SHORT).faults()).extracting(Fault::kind)
                .as("what a backend must support").containsExactly("reconfig", "partition", "reconfig");
        String removed = cluster.log.get(0).substring("reconfig ".length());
        String cutOff = cluster.log.get(2).substring("partition ".length());
        assertThat(removed).isNotEqualTo("zk3");
        assertThat(cutOff).isNotEqualTo("zk3");
        assertThat(cluster.log.subList(0, 6)).containsExactly("reconfig " + removed, "heal " + removed,
                "partition " + cutOff, "reconfig " + cutOff, "heal " + cutOff, "heal " + cutOff);
        assertThat(events.get(3).parameters()).containsEntry("role", "the node hit last").containsEntry("node", cutOff);
        assertThat(events.subList(3, 6)).extracting(FaultEvent::kind, FaultEvent::start).as("added back while cut off")
                .containsExactly(tuple("reconfig", true), tuple("reconfig", false), tuple("partition", false));
    }

    @Test
    void membershipChangesMakeTheSameChoicesForTheSameSeed() throws InterruptedException {
        List<String> first = run(FaultSchedules.membershipChanges(SHORT), new SimulatedCluster(5, 2), 9, 12)
                .stream().map(event -> event.kind() + " " + event.parameters().get("node")).toList();
        List<String> again = run(FaultSchedules.membershipChanges(SHORT), new SimulatedCluster(5, 2), 9, 12)
                .stream().map(event -> event.kind() + " " + event.parameters().get("node")).toList();
        assertThat(first).hasSizeGreaterThanOrEqualTo(12);
        assertThat(again.subList(0, 12)).isEqualTo(first.subList(0, 12));
    }

    @Test
    void theSameSeedMakesTheSameChoices() throws InterruptedException {
        List<String> first = randomFollowerPauses(42);
        assertThat(first).hasSizeGreaterThanOrEqualTo(6);
        assertThat(randomFollowerPauses(42).subList(0, 6)).isEqualTo(first.subList(0, 6));
    }

    @Test
    void aRoleNobodyHasEndsTheRoundAndHealsWhatItApplied() throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 1);
        FaultSequence sequence = FaultSequence.named("needs a fourth follower")
                .isolate(Role.follower(1)).pause(Role.follower(4)).kill(Role.leader());
        run(sequence, cluster, 1, 2);

        assertThat(cluster.log).containsExactly("partition zk2", "heal zk2");
    }

    @Test
    void aWaitThatRunsOutEndsTheRoundAndTheFinalHealHealsTheRest() throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 1);
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = sequence(FaultSequence.named("never serves").kill(Role.follower(1))
                .awaitServing(Role.named("zk2")).withAwaitTimeout(Duration.ofMillis(200)), cluster)
                .start(nodes(3), 1, events::add);
        awaitUntil(() -> events.size() >= 2);
        nemesis.close();

        assertThat(cluster.log).containsExactly("kill zk2", "heal zk2");
        assertThat(cluster.active()).isEmpty();
    }

    @Test
    void closingMidSequenceHealsEverythingItApplied() throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(3, 1);
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = sequence(FaultSequence.named("hold").pause(Role.leader()).waitFor(Duration.ofHours(1)),
                cluster).start(nodes(3), 1, events::add);
        awaitUntil(() -> nemesis.activeFaults() == 1);
        nemesis.close();

        assertThat(nemesis.activeFaults()).isZero();
        assertThat(events).extracting(FaultEvent::start).containsExactly(true, false);
        assertThat(cluster.log).containsExactly("pause zk1", "heal zk1");
    }

    private static List<String> randomFollowerPauses(long seed) throws InterruptedException {
        SimulatedCluster cluster = new SimulatedCluster(5, 3);
        run(FaultSequence.named("random follower").pause(Role.randomFollower()).heal().repeat(), cluster, seed, 12);
        return List.copyOf(cluster.log);
    }

    /** Runs the sequence until the cluster logged this many actions, then closes it. */
    private static List<FaultEvent> run(FaultSequence sequence, SimulatedCluster cluster, long seed, int actions)
            throws InterruptedException {
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = sequence(sequence, cluster).start(nodes(cluster.modes().size()), seed, events::add);
        awaitUntil(() -> cluster.log.size() >= actions);
        nemesis.close();
        return List.copyOf(events);
    }

    private static FaultSequence sequence(FaultSequence sequence, SimulatedCluster cluster) {
        return sequence.withInjector(nodes -> cluster).withModes(nodes -> cluster::modes);
    }

    private static List<ZooKeeperNode> nodes(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(i -> new ZooKeeperNode(i, "zk" + i, "c" + i, "127.0.0." + i,
                new InetSocketAddress("127.0.0.1", 1))).toList();
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
