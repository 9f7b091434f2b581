package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.chaoskeeper.fault.FaultInjectorIT.connect;
import static org.assertj.core.api.Assertions.assertThat;

/** Clock faults against an ensemble whose JVMs run under libfaketime. */
class ClockFaultIT {

    private static ZooKeeperEnsemble ensemble;
    private static FaultInjector injector;

    @BeforeAll
    static void startEnsemble() {
        ensemble = new ZooKeeperEnsemble().withNodes(3).withClockFaults()
                .withJvmOptions("-Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        ensemble.start();
        injector = FaultInjector.docker(ensemble.nodes(), ensemble.docker());
    }

    @AfterAll
    static void removeEnsemble() {
        if (injector != null) {
            injector.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void aClockShiftMovesTheLeadersWallClockUntilHealed() throws Exception {
        ActiveFault fault = injector.apply(Faults.clockShift(Targets.leader(), Duration.ofHours(1)));
        assertThat(fault.applyError()).isEmpty();
        FaultProbes.sleep(1500); // libfaketime re-reads the offset every second
        try (ZooKeeper zk = connect(ensemble.connectString())) {
            // the leader stamps each transaction with its own wall clock: a znode's ctime shows the shift
            zk.create("/clock", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            long ahead = zk.exists("/clock", false).getCtime() - System.currentTimeMillis();
            assertThat(ahead).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofMinutes(61).toMillis());
            fault.heal();
            FaultProbes.sleep(1500);
            zk.setData("/clock", new byte[1], -1);
            long drift = zk.exists("/clock", false).getMtime() - System.currentTimeMillis();
            assertThat(Math.abs(drift)).isLessThan(Duration.ofMinutes(1).toMillis());
        }
    }
}
