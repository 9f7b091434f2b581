package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.LockSafetyChecker;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ExpectAnomaly;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.LockWorkload;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: a check-then-set lock (read the owner znode, write yourself if it is empty, no version) lets two
 * clients in at once; plain reads on a partitioned follower make it happen even more often.
 */
@ZooKeeperChaos(nodes = 3)
class UnsafeLockIT {

    @Test
    @ExpectAnomaly(value = "lock-not-exclusive", finding = "docs/findings/unsafe-lock-recipe.md")
    void unsafeLockViolatesMutualExclusion(ChaosRun chaos) {
        chaos.withWorkload(Workloads.lock().withRecipe(LockWorkload.Recipe.UNSAFE))
                .withClients(9)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(2, 4)
                        .mix(Faults.partitionRandomHalves(), 1))
                .withCheckers(LockSafetyChecker.create())
                // consequences of two holders, not separate findings
                .tolerateAnomaly("lost-update", "stale-token-accepted", "fencing-token-regressed",
                        "release-by-non-holder")
                .run();
    }
}
