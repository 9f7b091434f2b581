package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 10: the same cas-register scenario (sync reads, partitions, leader isolation) as a version sweep over
 * ZooKeeper 3.8.4 and 3.9.4 ({@code -Dchaoskeeper.zookeeper.versions=...} runs others). Linearizability and, as its
 * decisive witness, no acknowledged write going back in version are asserted on every version, except that on
 * releases with ZOOKEEPER-4643 (3.8.x, 3.9.0 to 3.9.2) lost committed writes are a known bug: there the two anomalies
 * they cause ({@code not-linearizable}, {@code version-went-back}) are tolerated, see
 * {@value KnownIssues#VERSION_BEHIND_WRITES}.
 */
@ZooKeeperChaos(nodes = 3, versions = {"3.8.4", "3.9.4"})
class CrossVersionIT {

    @Test
    void casRegisterIsLinearizable(ChaosRun chaos) {
        chaos.withWorkload(Workloads.casRegister().withKeys(2).withSyncReads(true))
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(2, 4)
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.isolateLeader(), 1))
                .withCheckers(LinearizabilityChecker.of(Models.znode()).withTimeLimit(Duration.ofSeconds(60)),
                        new VersionRegressionChecker())
                .tolerateAnomalyOn(KnownIssues::committedWritesLostAfterAbortedSync, "not-linearizable",
                        VersionRegressionChecker.KIND, "zab-log-hole", "zab-lost-write", "digest-mismatch")
                .withFinding(KnownIssues.VERSION_BEHIND_WRITES)
                .run();
        chaos.results().forEach((version, result) -> Scenarios.report("CrossVersionIT " + version, result));
    }
}
