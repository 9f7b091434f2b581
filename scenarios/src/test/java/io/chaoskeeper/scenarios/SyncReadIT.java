package io.chaoskeeper.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.check.ZooKeeperGuaranteesChecker;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.junit.ChaosResult;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.RegisterWorkload;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: sync then read under partitions and pauses. ZooKeeper documents that sync is not a quorum operation
 * (ZOOKEEPER-1675: a leader that lost its quorum unnoticed may still answer it), so the linearizability verdict is
 * reported, not asserted; what the test asserts is that both checkers reached a verdict on a real history.
 */
@ZooKeeperChaos(nodes = 3)
class SyncReadIT {

    @Test
    void syncThenReadIsCheckedAndReported(ChaosRun chaos) {
        ChaosResult result = chaos
                .withWorkload(Workloads.register().withKeys(1).withReadMode(RegisterWorkload.ReadMode.SYNC))
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(2, 4)
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.pause(Targets.random()), 1))
                .withReportOnly(LinearizabilityChecker.of(Models.register()).withTimeLimit(Duration.ofSeconds(60)),
                        ZooKeeperGuaranteesChecker.create())
                .run();

        Scenarios.report("sync-read", result);
        assertThat(result.history().faultEvents()).isNotEmpty();
        assertThat(result.runResult().count("ok")).isPositive();
        assertThat(result.checks()).extracting(c -> c.verdict()).doesNotContain(Verdict.UNKNOWN);
    }
}
