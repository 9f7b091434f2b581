package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.LockSafetyChecker;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.GuardedStorage;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: Curator's InterProcessMutex. While sessions stay alive (faults shorter than the session timeout) the
 * lock is safe. When the holder's server is paused past the session timeout, its session expires and another client
 * takes the lock while the first still believes it holds it (CURATOR-206): a storage outside ZooKeeper then accepts
 * the stale holder's writes, unless it is fenced by the lock node's czxid.
 */
@ZooKeeperChaos(nodes = 3)
class LockIT {

    @Test
    void curatorMutexIsSafeWhileSessionsStayAlive(ChaosRun chaos) {
        chaos.withWorkload(Workloads.lock())
                .withClients(6)
                .withDuration(Scenarios.DURATION)
                .withFaults(Scenarios.faults(1, 2)
                        .mix(Faults.partitionRandomHalves(), 1)
                        .mix(Faults.pause(Targets.random()), 1))
                .withCheckers(LockSafetyChecker.create())
                .run();
    }

    private static ChaosRun expiringHolder(ChaosRun chaos, ZooKeeperEnsemble ensemble, boolean fenced) {
        GuardedStorage storage = new GuardedStorage().withLatency(Duration.ofMillis(100));
        return chaos.withWorkload(Workloads.lock().withStorage(storage).withFencing(fenced)
                        .withUpdatesPerHold(30, 40))
                .withClients(3)
                .withDuration(Scenarios.DURATION)
                .withRunSettings(run -> run.sessionTimeout(Duration.ofMillis(1500)))
                .withFaults(new HolderPause(storage, ensemble, Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .withCheckers(LockSafetyChecker.create());
    }

    @Test
    void unfencedStorageAcceptsTheExpiredHoldersWrites(ChaosRun chaos, ZooKeeperEnsemble ensemble) {
        expiringHolder(chaos, ensemble, false)
                .expectAnomaly("lock-not-exclusive", "stale-token-accepted")
                .withFinding("docs/findings/expired-lock-holder.md")
                .tolerateAnomaly("lost-update")
                .run();
    }

    @Test
    void fencedStorageRejectsTheExpiredHoldersWrites(ChaosRun chaos, ZooKeeperEnsemble ensemble) {
        expiringHolder(chaos, ensemble, true)
                .expectAnomaly("lock-not-exclusive")
                .withFinding("docs/findings/expired-lock-holder.md")
                .run();
    }
}
