package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.junit.ChaosResult;
import io.chaoskeeper.junit.ChaosRun;
import io.chaoskeeper.junit.ZooKeeperChaos;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A 3-node ensemble under partitions and kills: writes and compare-and-set on a znode stay linearizable. */
@ZooKeeperChaos(nodes = 3)
class RegisterChaosTest {

    @Test
    void casRegisterStaysLinearizable(ChaosRun chaos) {
        // writes and compare-and-sets, which ZooKeeper keeps linearizable; its plain reads may be stale by design
        ChaosResult result = chaos.withWorkload(Workloads.casRegister().withReads(false))
                .withFaults(FaultSchedules.random()
                        .every(Duration.ofSeconds(1), Duration.ofSeconds(2))
                        .lasting(Duration.ofSeconds(2))
                        .mix(Faults.partitionRandomHalves(), 2)
                        .mix(Faults.killRandom(), 1))
                .withDuration(Duration.ofSeconds(10))
                .withCheckers(LinearizabilityChecker.of(Models.znode()))
                .run(); // fails the test on a violation, naming the checker, counterexample, seed and run directory

        assertThat(result.checks()).filteredOn(check -> check.checker().startsWith("linearizability"))
                .extracting(CheckResult::verdict).containsExactly(Verdict.VALID);
        assertThat(result.history().clientOperations()).isNotEmpty();
    }
}
