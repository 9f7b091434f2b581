package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.Checker;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.RandomFaultSchedule;
import io.chaoskeeper.workload.Workload;
import io.chaoskeeper.workload.Workloads;
import java.time.Duration;

/**
 * The targeted reproduction of finding 2 (docs/findings/version-behind-writes-3.8.md): three servers (syncLimit 5),
 * six clients writing one cas-register as fast as they can with sync reads, and the leader isolated again and
 * again. Every isolation makes both followers drop out of FOLLOWING and sync with a new leader, and the old leader
 * sync as a follower after the heal: each sync is a chance for it to break off after NEWLEADER, the window of
 * ZOOKEEPER-4643. One key, so that lost writes show up as versions going back on the register every client uses.
 * Shared by {@link VersionBehindWriteIT} and the sweep ({@link FindingSweep}).
 */
final class LeaderIsolationCycles {

    /** 25 s of workload: three or four isolations of 4 s with 1–2 s between them. */
    static final Duration DURATION = Duration.ofSeconds(25);
    static final int NODES = 3;
    static final int CLIENTS = 6;
    /** Followers give a silent leader up after 5 ticks of 200 ms, so a 4 s isolation always changes the leader. */
    static final int SYNC_LIMIT = 5;
    static final String DESCRIPTION = "isolate the leader for 4 s, 1-2 s after each heal";

    private LeaderIsolationCycles() {
    }

    static Workload workload() {
        return Workloads.casRegister().withKeys(1).withSyncReads(true);
    }

    static RandomFaultSchedule faults() {
        return FaultSchedules.random()
                .every(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .lasting(Duration.ofSeconds(4))
                .mix(Faults.isolateLeader(), 1);
    }

    static Checker linearizability(Duration timeLimit) {
        return LinearizabilityChecker.of(Models.znode()).withTimeLimit(timeLimit);
    }
}
