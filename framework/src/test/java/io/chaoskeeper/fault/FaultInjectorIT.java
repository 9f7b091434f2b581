package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.chaoskeeper.fault.FaultProbes.await;
import static io.chaoskeeper.fault.FaultProbes.awaitHealthy;
import static io.chaoskeeper.fault.FaultProbes.iptables;
import static io.chaoskeeper.fault.FaultProbes.leader;
import static io.chaoskeeper.fault.FaultProbes.node;
import static io.chaoskeeper.fault.FaultProbes.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** The fault catalogue against a real five-server ensemble, healed between tests. */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class FaultInjectorIT {

    private static ZooKeeperEnsemble ensemble;
    private static DockerClient docker;
    private static FaultInjector injector;

    @BeforeAll
    static void startEnsemble() {
        ensemble = FaultProbes.startEnsemble(5);
        docker = ensemble.docker();
        injector = FaultInjector.docker(ensemble.nodes(), docker);
    }

    @AfterAll
    static void removeEnsemble() {
        FaultProbes.remove(injector, ensemble);
    }

    @AfterEach
    void healAndCheckNothingIsLeft() {
        FaultProbes.healAndAssertNothingLeft(injector, ensemble);
        awaitHealthy(ensemble, Duration.ofSeconds(60));
    }

    @Test
    void isolatingTheLeaderMakesTheMajorityElectAnotherAndTheNodeRejoinsAfterHeal() {
        String leader = leader(ensemble);
        ActiveFault fault = injector.apply(Faults.isolateLeader());
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.targets()).hasSize(5);
        assertThat(fault.parameters()).containsKey("grudge");
        await(Duration.ofSeconds(30), () -> {
            String now = leader(ensemble);
            return now != null && !now.equals(leader);
        }, "the majority to elect a new leader");
        ZooKeeperNode isolated = node(ensemble, leader);
        await(Duration.ofSeconds(30), () -> isolated.mode() == NodeMode.NOT_SERVING, "the isolated node to stop serving");
        // the test's own traffic is never cut: the isolated node still answers us, saying it is not serving
        assertThat(isolated.fourLetterWord("srvr", Duration.ofSeconds(2))).contains("not currently serving");

        fault.heal();
        fault.heal(); // idempotent
        awaitHealthy(ensemble, Duration.ofSeconds(60));
    }

    @Test
    void everyNodeStillSeesAMajorityInAMajoritiesRing() throws Exception {
        ActiveFault fault = injector.apply(Faults.partitionMajoritiesRing());
        assertThat(fault.applyError()).isEmpty();
        @SuppressWarnings("unchecked")
        var grudge = (java.util.Map<String, List<String>>) fault.parameters().get("grudge");
        assertThat(grudge).hasSize(5).allSatisfy((node, dropped) -> assertThat(dropped).hasSize(2));
        // the rules are really in place: each node drops exactly the two peers it holds a grudge against
        for (ZooKeeperNode node : ensemble.nodes()) {
            String rules = iptables(docker, node);
            for (String peer : grudge.get(node.name())) {
                assertThat(rules).contains("-A CHAOSKEEPER -s " + node(ensemble, peer).networkIp() + "/32 -j DROP");
            }
        }
        // a quorum holds throughout: a leader keeps a majority and writes go through
        for (int i = 0; i < 5; i++) {
            sleep(1000);
            String leader = leader(ensemble);
            assertThat(leader).as("a leader after %d s", i + 1).isNotNull();
            long serving = ensemble.nodes().stream().filter(n -> n.mode().isServing()).count();
            assertThat(serving).isGreaterThanOrEqualTo(3);
        }
        try (ZooKeeper zk = connect(node(ensemble, leader(ensemble)).connectString())) {
            zk.create("/ring", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        }
    }

    @Test
    void aPausedNodeDoesNotAnswerAndAnswersAgainAfterResume() {
        ActiveFault fault = injector.apply(Faults.pause(Targets.random()));
        assertThat(fault.applyError()).isEmpty();
        ZooKeeperNode paused = node(ensemble, fault.targets().get(0));
        assertThat(paused.fourLetterWord("ruok", Duration.ofSeconds(2))).isEmpty();
        fault.heal();
        await(Duration.ofSeconds(10), () -> paused.fourLetterWord("ruok", Duration.ofSeconds(1)).equals("imok"),
                "the resumed node to answer");
    }

    @Test
    void aKilledNodeRestartsWithTheDataWrittenBeforeTheKill() throws Exception {
        byte[] data = ("written before the kill " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        try (ZooKeeper zk = connect(ensemble.connectString())) {
            zk.create("/before-kill", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        ActiveFault fault = injector.apply(Faults.killRandom());
        assertThat(fault.applyError()).isEmpty();
        ZooKeeperNode killed = node(ensemble, fault.targets().get(0));
        assertThat(docker.inspectContainerCmd(killed.containerId()).exec().getState().getRunning()).isFalse();
        assertThat(killed.fourLetterWord("ruok", Duration.ofSeconds(1))).isEmpty();

        fault.heal();
        await(Duration.ofSeconds(60), () -> killed.mode().isServing(), "the restarted node to serve");
        try (ZooKeeper zk = connect(killed.connectString())) {
            zk.sync("/before-kill", (rc, path, ctx) -> { }, null);
            assertThat(zk.getData("/before-kill", false, null)).isEqualTo(data);
            zk.delete("/before-kill", -1);
        }
    }

    @Test
    void aGracefullyStoppedNodeStartsAgainOnHeal() {
        ActiveFault fault = injector.apply(Faults.stop(Targets.random()));
        assertThat(fault.applyError()).isEmpty();
        ZooKeeperNode stopped = node(ensemble, fault.targets().get(0));
        assertThat(docker.inspectContainerCmd(stopped.containerId()).exec().getState().getRunning()).isFalse();
        fault.heal();
        await(Duration.ofSeconds(60), () -> stopped.mode().isServing(), "the restarted node to serve");
    }

    @Test
    void healingAPartitionOfANodeKilledMeanwhileIsNoErrorAndTheNodeRestartsWithoutRules() {
        ZooKeeperNode node = ensemble.nodes().get(1);
        ActiveFault cut = injector.apply(Faults.isolate(Targets.named(node.name())));
        ActiveFault kill = injector.apply(Faults.kill(Targets.named(node.name())));
        assertThat(cut.applyError()).isEmpty();
        assertThat(kill.applyError()).isEmpty();
        cut.heal(); // its rules went with its network namespace when it was killed
        kill.heal();
        await(Duration.ofSeconds(60), () -> node.mode().isServing(), "the restarted node to serve again");
    }

    @Test
    void removingAMemberFromAnEnsembleWithoutDynamicMembershipSaysHowToAllowIt() {
        ActiveFault fault = injector.apply(Faults.removeMember(Targets.random()));
        assertThat(fault.applyError()).hasValueSatisfying(error -> assertThat(error)
                .contains("does not allow reconfiguration").contains("withDynamicMembership()"));
        fault.heal(); // nothing was removed, so nothing is added back
        assertThat(injector.active()).isEmpty();
        ensemble.nodes().forEach(node -> assertThat(node.mode().isServing()).as("%s", node).isTrue());
    }

    @Test
    void aScheduleRecordsEveryFaultAndItsFinalHealLeavesNothingBehind() {
        List<FaultEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Nemesis nemesis = FaultSchedules.random().every(Duration.ofMillis(200)).lasting(Duration.ofMillis(300))
                .mix(Faults.isolateRandom(), 2).mix(Faults.pause(Targets.minority()), 1)
                .mix(Faults.partitionBridge(), 1).overlapping(2)
                .start(ensemble.nodes(), 7, events::add);
        await(Duration.ofSeconds(20), () -> events.size() >= 8, "eight fault events");
        nemesis.close();
        assertThat(nemesis.activeFaults()).isZero();
        assertThat(events).allSatisfy(e -> assertThat(e.error()).isNull());
        assertThat(events.stream().filter(FaultEvent::start).map(FaultEvent::id).sorted().toList())
                .isEqualTo(events.stream().filter(e -> !e.start()).map(FaultEvent::id).sorted().toList());
        for (ZooKeeperNode node : ensemble.nodes()) {
            assertThat(docker.inspectContainerCmd(node.containerId()).exec().getState().getPaused()).isFalse();
        }
    }

    @Test
    void aFaultOnAGoneContainerIsReportedAndHealingStillTriesEveryNode() {
        FaultInjector broken = FaultInjector.docker(List.of(ensemble.nodes().get(0),
                new ZooKeeperNode(9, "zk9", "no-such-container", "10.255.255.9", ensemble.nodes().get(0).clientAddress())),
                docker);
        try {
            ActiveFault fault = broken.apply(Faults.pause(Targets.all()));
            assertThat(fault.applyError()).hasValueSatisfying(e -> assertThat(e).startsWith("zk9: ").doesNotContain("\n"));
            assertThat(docker.inspectContainerCmd(ensemble.nodes().get(0).containerId()).exec()
                    .getState().getPaused()).as("the live node was paused all the same").isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(fault::heal).isInstanceOf(FaultException.class)
                    .hasMessageContaining("zk9");
            assertThat(docker.inspectContainerCmd(ensemble.nodes().get(0).containerId()).exec()
                    .getState().getPaused()).as("the live node was resumed despite zk9 failing").isFalse();
        } finally {
            broken.close();
        }
    }

    @Test
    void clientTrafficIsCutOnlyWhenAFaultAsksAndThePeersStillSeeTheNode() {
        ZooKeeperNode leader = node(ensemble, leader(ensemble));
        List<ZooKeeperNode> followers = ensemble.nodes().stream().filter(n -> n != leader).toList();
        ZooKeeperNode cut = followers.get(0);
        ZooKeeperNode other = followers.get(1);
        ActiveFault isolation = injector.apply(Faults.isolate(Targets.named(other.name())));
        // an ordinary partition leaves the test's own traffic alone
        assertThat(other.fourLetterWord("ruok", Duration.ofSeconds(5))).isEqualTo("imok");
        isolation.heal();
        awaitHealthy(ensemble, Duration.ofSeconds(60));
        ActiveFault fault = injector.apply(Faults.cutClients(Targets.named(cut.name())));
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.targets()).containsExactly(cut.name());
        assertThat(cut.fourLetterWord("ruok", Duration.ofSeconds(2))).as("the cut node's answer").isEmpty();
        assertThat(other.fourLetterWord("ruok", Duration.ofSeconds(5))).isEqualTo("imok");
        // its peers still see it: the leader keeps all four followers in sync
        sleep(3000);
        assertThat(node(ensemble, leader.name()).fourLetterWord("mntr", Duration.ofSeconds(5)))
                .contains("zk_synced_followers\t4");
        fault.heal();
        await(Duration.ofSeconds(10), () -> "imok".equals(cut.fourLetterWord("ruok", Duration.ofSeconds(2))),
                "the node to answer the test again");
    }

    @Test
    void aDelayRaisesTheRoundTripToTheNode() {
        ZooKeeperNode node = ensemble.nodes().get(1);
        long before = medianRoundTripMillis(node);
        ActiveFault fault = injector.apply(Faults.delay(Targets.named(node.name()), Duration.ofMillis(150),
                Duration.ofMillis(10)));
        assertThat(fault.applyError()).isEmpty();
        // netem where the kernel has it, else the NFQUEUE shaper: the fault's event says which
        assertThat(fault.parameters().get("mechanism")).isIn("netem", "nfqueue");
        long during = medianRoundTripMillis(node);
        fault.heal();
        long after = medianRoundTripMillis(node);
        System.out.printf("delay 150 ms (%s): ruok round trip %d ms before, %d during, %d after%n",
                fault.parameters().get("mechanism"), before, during, after);
        assertThat(during).isGreaterThanOrEqualTo(before + 130);
        assertThat(after).isLessThan(before + 50);
    }

    @Test
    void aRateLimitSlowsTheNodesReplies() {
        ZooKeeperNode node = ensemble.nodes().get(2);
        ActiveFault fault = injector.apply(Faults.rateLimit(Targets.named(node.name()), 128));
        assertThat(fault.applyError()).isEmpty();
        // mntr's answer is over 1 kB: at 128 kbit/s past a 4 kB burst, twenty of them take well over a second
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(node.fourLetterWord("mntr", Duration.ofSeconds(5))).contains("zk_version");
        }
        long slowMillis = (System.nanoTime() - start) / 1_000_000;
        fault.heal();
        assertThat(slowMillis).isGreaterThan(1000);
    }

    @Test
    void preparingForANetworkFaultStartsEveryHelperAndAKillNeedsNone() {
        injector.prepare(List.of(Faults.killRandom(), Faults.pauseLeader()));
        assertThat(FaultProbes.leftoverHelpers(docker, ensemble.nodes())).isEmpty();

        injector.prepare(List.of(Faults.killRandom(), Faults.isolateLeader()));
        assertThat(FaultProbes.leftoverHelpers(docker, ensemble.nodes())).hasSize(5);
        ActiveFault fault = injector.apply(Faults.isolateLeader());
        assertThat(fault.applyError()).isEmpty();
        assertThat(FaultProbes.leftoverHelpers(docker, ensemble.nodes())).as("the prepared helpers serve the fault")
                .hasSize(5);
        // the shared @AfterEach heals, and checks that the helpers are gone
    }

    @Test
    void sigtermHealsEveryFaultAndRemovesTheHelpers() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), HealOnSigterm.class.getName()));
        for (ZooKeeperNode node : ensemble.nodes()) {
            command.addAll(List.of(node.name(), node.containerId(), node.networkIp(),
                    String.valueOf(node.clientAddress().getPort())));
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("applied") && !line.startsWith("failed")) {
                // skip the child's log lines
            }
            assertThat(line).isEqualTo("applied");
            assertThat(iptables(docker, ensemble.nodes().get(0))).contains("-A CHAOSKEEPER -s");
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // the shared @AfterEach checks that no helper and no rule of ours is left
    }

    private static long medianRoundTripMillis(ZooKeeperNode node) {
        long[] samples = new long[7];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            assertThat(node.fourLetterWord("ruok", Duration.ofSeconds(5))).isEqualTo("imok");
            samples[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            zk.close();
            throw new AssertionError("could not connect to " + connectString);
        }
        return zk;
    }
}
