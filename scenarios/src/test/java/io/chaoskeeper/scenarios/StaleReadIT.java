package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.ZooKeeperGuaranteesChecker;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ExpectAnomaly;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.RegisterWorkload;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: plain reads are not linearizable. A follower cut off from the leader keeps serving reads until it
 * misses {@code syncLimit} ticks (here 10 × 500 ms = 5 s) while the majority accepts writes, so its clients read
 * values already overwritten. ZooKeeper's own guarantees (sequential consistency, no client going back in zxid)
 * still hold.
 */
@ZooKeeperChaos(nodes = 3, tickTimeMs = 500, syncLimit = 10)
class StaleReadIT {

    @Test
    @ExpectAnomaly(value = "not-linearizable", finding = "docs/findings/plain-reads-not-linearizable.md")
    void plainReadsOnAnIsolatedFollowerAreStale(ChaosRun chaos, ZooKeeperEnsemble ensemble) {
        ZooKeeperNode leader = ensemble.awaitLeader(Duration.ofSeconds(30));
        String follower = ensemble.nodes().stream().map(ZooKeeperNode::name)
                .filter(n -> !n.equals(leader.name())).findFirst().orElseThrow();
        chaos.withWorkload(Workloads.register().withKeys(1).withReadMode(RegisterWorkload.ReadMode.PLAIN)
                        .withReadRatio(0.8))
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(FaultSchedules.random()
                        .every(Duration.ofSeconds(2))
                        .lasting(Duration.ofSeconds(4))
                        .mix(Faults.partition(Map.of(follower, List.of(leader.name()),
                                leader.name(), List.of(follower))), 1),
                        "cut " + follower + " off from the leader " + leader.name() + " for 4 s every 6 s")
                .withCheckers(LinearizabilityChecker.of(Models.register()).withTimeLimit(Duration.ofSeconds(60)),
                        ZooKeeperGuaranteesChecker.create())
                .run();
    }
}
