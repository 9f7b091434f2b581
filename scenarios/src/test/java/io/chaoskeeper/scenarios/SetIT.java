package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.ReplicaChecker;
import io.chaoskeeper.check.SetChecker;
import io.chaoskeeper.fault.FaultSequence;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.RandomFaultSchedule;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 8: data sync. Unique elements are added under kills, partitions and clients cut off from a node, and (on
 * Docker) a lossy and duplicating network; at the end every server, after
 * {@code sync}, lists them: no acknowledged element is lost or duplicated and all replicas agree.
 */
@ZooKeeperChaos(nodes = 5, serverProperties = "reconfigEnabled=true") // for the membership package
class SetIT {

    @Test
    void acknowledgedElementsSurviveAndReplicasAgree(ChaosRun chaos) {
        run(chaos, Scenarios.faults(2, 5)
                .mix(Faults.killRandom(), 1)
                .mix(Faults.partitionRandomHalves(), 1)
                .mix(Faults.cutClients(Targets.random()), 1));
    }

    /** Packet loss and duplication: Docker only, the local backend's proxies carry streams (skipped there). */
    @Test
    void acknowledgedElementsSurviveALossyDuplicatingNetwork(ChaosRun chaos) {
        run(chaos, Scenarios.faults(2, 5)
                .mix(Faults.partitionRandomHalves(), 1)
                .mix(Faults.loss(Targets.random(2), 20).withDuplicate(10), 1));
    }

    private static void run(ChaosRun chaos, RandomFaultSchedule faults) {
        setUnderFaults(chaos).withFaults(faults).run();
    }

    /** The same promise under each nemesis package: sequences aimed at the roles that break consensus. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.chaoskeeper.scenarios.Scenarios#packages")
    @Tag(Scenarios.PACKAGES)
    void acknowledgedElementsSurviveEachNemesisPackage(String name, FaultSequence nemesis, ChaosRun chaos) {
        setUnderFaults(chaos.withName("package-" + name)).withFaults(nemesis, nemesis.toString()).run();
    }

    /**
     * Ten clients adding elements, judged by the set and replica checkers. A follower that applied a DIFF with a
     * hole (finding 4, named by its own log) loses acknowledged elements: tolerated only in a run with that witness.
     */
    private static ChaosRun setUnderFaults(ChaosRun chaos) {
        return chaos.withWorkload(Workloads.set())
                .withClients(10)
                .withDuration(Scenarios.DURATION)
                .withCheckers(SetChecker.create(), ReplicaChecker.create())
                .tolerateAnomalyWhen(KnownIssues.DIFF_SYNC_HOLE, KnownIssues.LOST_BY_DIFF_SYNC_HOLE)
                .withFinding(KnownIssues.DIFF_SYNC_FROM_A_LOG_WITH_A_HOLE);
    }
}
