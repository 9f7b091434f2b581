package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.QueueChecker;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scenario 9: a FIFO queue over sequential znodes under partitions and kills: no loss, no double delivery. */
@ZooKeeperChaos(nodes = 3)
class QueueIT {

    @Test
    void noElementIsLostOrDeliveredTwice(ChaosRun chaos) {
        chaos.withWorkload(Workloads.queue())
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(FaultSchedules.random()
                        .every(Duration.ofSeconds(2), Duration.ofSeconds(4))
                        .lasting(Duration.ofSeconds(2), Duration.ofSeconds(4))
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.killRandom(), 1))
                .withCheckers(QueueChecker.create())
                .run();
    }
}
