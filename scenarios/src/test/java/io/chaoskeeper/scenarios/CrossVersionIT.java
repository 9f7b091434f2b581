package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Scenario 10: the same cas-register scenario against ZooKeeper 3.8.4 and 3.9.4, one nested class per version. */
class CrossVersionIT {

    abstract static class CasRegisterUnderPartitions {
        @Test
        void casRegisterIsLinearizable(ChaosRun chaos) {
            chaos.withWorkload(Workloads.casRegister().withKeys(2).withSyncReads(true))
                    .withClients(6)
                    .withDuration(Scenarios.DURATION)
                    .withFaults(Scenarios.faults(2, 4)
                            .mix(Faults.partitionRandomHalves(), 2)
                            .mix(Faults.isolateLeader(), 1))
                    .withCheckers(LinearizabilityChecker.of(Models.znode()).withTimeLimit(Duration.ofSeconds(60)))
                    .run();
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
