package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.QueueChecker;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.Test;

/** Scenario 9: a FIFO queue over sequential znodes under partitions and kills: no loss, no double delivery. */
@ZooKeeperChaos(nodes = 3)
class QueueIT {

    @Test
    void noElementIsLostOrDeliveredTwice(ChaosRun chaos) {
        chaos.withWorkload(Workloads.queue())
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(2, 4)
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.killRandom(), 1))
                .withCheckers(QueueChecker.create())
                .run();
    }
}
