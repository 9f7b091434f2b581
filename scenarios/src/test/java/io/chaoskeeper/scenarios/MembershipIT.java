package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.MembershipChecker;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: group membership through ephemeral znodes. Clients lose their sessions (expired on purpose, and by
 * partitions and pauses of their server); once a session timeout has passed, no server may still list the member.
 */
@ZooKeeperChaos(nodes = 3)
class MembershipIT {

    @Test
    void noGhostMembersAfterTheSessionTimeout(ChaosRun chaos) {
        chaos.withWorkload(Workloads.membership().withExpiryRate(0.05).withLeaveRate(0.05))
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withRunSettings(run -> run.sessionTimeout(Duration.ofSeconds(3)))
                .withFaults(Scenarios.faults(2, 5)
                        .mix(Faults.partitionRandomHalves(), 1)
                        .mix(Faults.pause(Targets.random()), 1))
                .withCheckers(MembershipChecker.create())
                .run();
    }
}
