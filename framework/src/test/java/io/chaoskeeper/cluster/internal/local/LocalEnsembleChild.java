package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import java.time.Duration;

/**
 * The JVM that {@link LocalCleanupIT} kills: starts a 3-node ensemble on the backend {@code chaoskeeper.backend}
 * (or its environment) picks, optionally ({@code spares-*}) closes it and starts a second one on the spares the first
 * left, optionally ({@code *pause}) pauses zk1, prints its backend, the spares' pids, its directory and each server's
 * pid, then waits to be killed.
 */
final class LocalEnsembleChild {

    private LocalEnsembleChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        ZooKeeperEnsemble ensemble = start();
        System.out.println("backend " + ensemble.backend());
        if (mode.startsWith("spares")) { // the second ensemble runs on the spares the first one leaves
            ensemble.close();
            SparePool.awaitWarm(Duration.ofMinutes(1));
            SparePool.pids().forEach(pid -> System.out.println("spare " + pid));
            ensemble = start();
        }
        LocalBackend local = LocalBackend.of(ensemble.id());
        if (mode.endsWith("pause")) {
            FaultInjector.forEnsemble(ensemble).apply(Faults.pause(Targets.named("zk1")));
        }
        System.out.println("directory " + local.directory());
        for (int id = 1; id <= 3; id++) {
            System.out.println("pid " + local.server("zk" + id).pid());
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static ZooKeeperEnsemble start() {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(3)
                .withJvmOptions("-Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        ensemble.start();
        return ensemble;
    }
}
