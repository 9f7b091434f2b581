package io.chaoskeeper.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.LeaderElectionChecker;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosResult;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: Curator LeaderLatch under partitions. A participant cut off from the quorum keeps believing it leads
 * until its connection is lost, so believed leadership may overlap for up to a session timeout; the overlaps are
 * reported (the checker's anomalies and the report), not asserted.
 */
@ZooKeeperChaos(nodes = 3)
class ElectionIT {

    @Test
    void overlapsOfBelievedLeadershipAreReported(ChaosRun chaos) {
        ChaosResult result = chaos.withWorkload(Workloads.election())
                .withClients(5)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(3, 6)
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.isolateLeader(), 1))
                .withReportOnly(LeaderElectionChecker.create())
                .run();

        Scenarios.report("election", result);
        assertThat(result.history().calls()).anyMatch(c -> "lead".equals(c.invoke().f()));
        assertThat(result.checks()).extracting(c -> c.verdict()).doesNotContain(Verdict.UNKNOWN);
    }
}
