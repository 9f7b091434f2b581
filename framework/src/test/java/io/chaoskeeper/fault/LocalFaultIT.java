package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.junit.internal.UnsupportedFaults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static io.chaoskeeper.fault.FaultProbes.await;
import static io.chaoskeeper.fault.FaultProbes.awaitHealthy;
import static io.chaoskeeper.fault.FaultProbes.leader;
import static io.chaoskeeper.fault.FaultProbes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults on the local backend (forced, so no Docker engine is asked), against one five-server ensemble of child
 * JVMs; each test heals and waits for a healthy ensemble before the next.
 */
class LocalFaultIT {

    /** Generous: five child JVMs start on a machine that may be shared and loaded. */
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private static ZooKeeperEnsemble ensemble;
    private static FaultInjector injector;

    @BeforeAll
    static void start() {
        // dynamic membership asked for, as a test class with a membership variant does: the local servers run
        // without it (a reconfiguration would spread one server's proxy ports to all) and the faults are refused
        ensemble = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(5).withStartupTimeout(Duration.ofMinutes(4))
                .withJvmOptions("-Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC").withDynamicMembership();
        ensemble.start();
        injector = FaultInjector.forEnsemble(ensemble);
    }

    @AfterEach
    void heal() {
        injector.healAll();
        awaitHealthy(ensemble, SETTLE);
    }

    @AfterAll
    static void stop() {
        FaultProbes.remove(injector, ensemble);
    }

    @Test
    void isolatingTheLeaderElectsAnotherAndTheIsolatedNodeStopsServing() {
        String old = ensemble.awaitLeader(SETTLE).name();
        ActiveFault fault = injector.apply(Faults.isolateLeader());
        assertThat(fault.applyError()).isEmpty();
        await(SETTLE, () -> {
            String now = leader(ensemble);
            return now != null && !now.equals(old);
        }, "a new leader other than " + old);
        await(SETTLE, () -> node(ensemble, old).mode() == NodeMode.NOT_SERVING, old + " to stop serving");
    }

    @Test
    void theMajoritiesRingKeepsAMajorityServingWithALeader() throws Exception {
        ActiveFault fault = injector.apply(Faults.partitionMajoritiesRing());
        assertThat(fault.applyError()).isEmpty();
        // every node still hears a majority: a leader keeps (or regains) a quorum, and writes go through
        await(SETTLE, () -> leader(ensemble) != null && serving() >= 3, "a leader with a serving majority");
        try (ZooKeeper zk = connect(ensemble.awaitLeader(SETTLE))) {
            zk.create("/ring-" + System.nanoTime(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
    }

    @Test
    void aPausedNodeStopsAnsweringAndComesBack() {
        ZooKeeperNode follower = follower();
        ActiveFault fault = injector.apply(Faults.pause(Targets.named(follower.name())));
        assertThat(fault.applyError()).isEmpty();
        assertThat(follower.fourLetterWord("ruok", Duration.ofSeconds(1))).isEmpty();
        fault.heal();
        await(SETTLE, () -> follower.mode().isServing(), follower.name() + " to serve after resume");
    }

    @Test
    void aKilledNodeRestartsWithItsData() throws Exception {
        ZooKeeperNode follower = follower();
        String path = "/kept-" + System.nanoTime();
        try (ZooKeeper zk = connect(follower)) {
            zk.create(path, "before".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
        }
        ActiveFault fault = injector.apply(Faults.kill(Targets.named(follower.name())));
        assertThat(fault.applyError()).isEmpty();
        assertThat(follower.mode()).isEqualTo(NodeMode.SILENT);
        fault.heal();
        ensemble.awaitServing(follower, SETTLE);
        try (ZooKeeper zk = connect(follower)) {
            assertThat(new String(zk.getData(path, false, null), StandardCharsets.UTF_8)).isEqualTo("before");
        }
    }

    @Test
    void aClockShiftMovesZnodeCtime() throws Exception {
        // back: the elapsed clock only ever leaps ahead, so a shift back leaves the shared ensemble's sessions alone
        Duration shift = Duration.ofHours(-1);
        ActiveFault fault = injector.apply(Faults.clockShift(Targets.all(), shift));
        assertThat(fault.applyError()).isEmpty();
        Thread.sleep(300); // the agent reads its file every 50 ms
        try (ZooKeeper zk = connect(ensemble.awaitLeader(SETTLE))) {
            String path = zk.create("/clock-" + System.nanoTime(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
            Stat stat = zk.exists(path, false);
            assertThat(stat.getCtime() - System.currentTimeMillis()).isBetween(shift.toMillis() - 60_000,
                    shift.toMillis() + 60_000);
        }
    }

    @Test
    void latencyOnAPairRaisesThatPairsRoundTrip() throws Exception {
        ZooKeeperNode leader = ensemble.awaitLeader(SETTLE);
        ZooKeeperNode follower = follower();
        try (ZooKeeper zk = connect(follower)) {
            long before = medianWriteMillis(zk);
            ActiveFault fault = injector.apply(Faults.delay(Targets.named(leader.name()), Duration.ofMillis(300), Duration.ZERO)
                    .toward(Targets.named(follower.name())));
            assertThat(fault.applyError()).isEmpty();
            long during = medianWriteMillis(zk);
            fault.heal();
            // the follower answers a write once the leader's commit reaches it, over the delayed pair
            assertThat(during).as("write round trip before %d ms", before).isGreaterThanOrEqualTo(before + 250);
        }
    }

    @Test
    void packetLossIsRefusedInOneSentenceNamingTheBackend() {
        assertRefused(Faults.loss(Targets.random(), 10), "loss");
    }

    @Test
    void membershipChangesAreRefusedInOneSentenceNamingTheBackend() {
        assertRefused(Faults.removeMember(Targets.random()), "membership");
    }

    @Test
    void aChaosTestWhoseSequenceChangesMembershipIsSkippedWithTheBackendsSentence() {
        assertThatThrownBy(() -> UnsupportedFaults.abortIfAny(ensemble,
                FaultSchedules.membershipChanges(Duration.ofSeconds(1)).faults()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("cannot change the ensemble's membership");
        UnsupportedFaults.abortIfAny(ensemble, FaultSchedules.staleNodeTakesOver(Duration.ofSeconds(1)).faults());
    }

    private static void assertRefused(Fault fault, String what) {
        assertThatThrownBy(() -> injector.checkSupported(fault)).isInstanceOf(UnsupportedFaultException.class)
                .hasMessageContaining("local backend").hasMessageContaining(what);
        ActiveFault applied = injector.apply(fault);
        assertThat(applied.applyError()).hasValueSatisfying(e -> assertThat(e).contains("local backend"));
        applied.heal();
        assertThat(injector.active()).doesNotContain(applied);
    }

    private static long medianWriteMillis(ZooKeeper zk) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            zk.create("/latency-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        times.sort(null);
        return times.get(2);
    }

    private static int serving() {
        return (int) ensemble.nodes().stream().filter(n -> n.mode().isServing()).count();
    }

    private static ZooKeeperNode follower() {
        String leader = ensemble.awaitLeader(SETTLE).name();
        return ensemble.nodes().stream().filter(n -> !n.name().equals(leader)).findFirst().orElseThrow();
    }

    /** A session with this node only, once connected. */
    private static ZooKeeper connect(ZooKeeperNode node) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(node.connectString(), 20_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(30, TimeUnit.SECONDS)) {
            zk.close();
            throw new AssertionError("no session with " + node.name() + " within 30 s");
        }
        return zk;
    }
}
