package io.chaoskeeper.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.Checker;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosResult;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario 10: the same cas-register scenario (sync reads, partitions, leader isolation) against ZooKeeper 3.8.4 and
 * 3.9.4, one nested class per version. On 3.9.4 the history must be linearizable. On 3.8.4 one run in two of ours
 * showed a follower answering writes with znode versions far behind the ones already read after a partition healed
 * (see the report); until that is pinned down, 3.8.4's verdict is reported rather than asserted.
 */
class CrossVersionIT {

    abstract static class CasRegisterUnderPartitions {

        /** Asserted on every version but 3.8 (see the class comment). */
        private boolean linearizabilityAsserted() {
            return !getClass().getAnnotation(ZooKeeperChaos.class).version().startsWith("3.8.");
        }

        @Test
        void casRegisterIsLinearizable(ChaosRun chaos) {
            Checker linearizability = LinearizabilityChecker.of(Models.znode()).withTimeLimit(Duration.ofSeconds(60));
            chaos.withWorkload(Workloads.casRegister().withKeys(2).withSyncReads(true))
                    .withClients(6)
                    .withDuration(Scenarios.DURATION)
                    .withFaults(Scenarios.faults(2, 4)
                            .mix(Faults.partitionRandomHalves(), 2)
                            .mix(Faults.isolateLeader(), 1));
            if (linearizabilityAsserted()) {
                chaos.withCheckers(linearizability);
            } else {
                chaos.withReportOnly(linearizability);
            }
            ChaosResult result = chaos.run();

            Scenarios.report(getClass().getSimpleName(), result);
            assertThat(result.checks()).extracting(c -> c.verdict()).doesNotContain(Verdict.UNKNOWN);
        }
    }

    @Nested
    @ZooKeeperChaos(nodes = 3, version = "3.8.4")
    class ZooKeeper384 extends CasRegisterUnderPartitions {
    }

    @Nested
    @ZooKeeperChaos(nodes = 3, version = "3.9.4")
    class ZooKeeper394 extends CasRegisterUnderPartitions {
    }
}
