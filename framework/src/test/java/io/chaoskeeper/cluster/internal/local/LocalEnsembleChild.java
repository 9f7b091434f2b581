package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;

/**
 * The JVM that {@link LocalCleanupIT} kills: starts a 3-node ensemble on the backend {@code chaoskeeper.backend}
 * (or its environment) picks, optionally pauses zk1, prints its backend, its directory and each server's pid, then
 * waits to be killed.
 */
final class LocalEnsembleChild {

    private LocalEnsembleChild() {
    }

    public static void main(String[] args) throws Exception {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(3)
                .withJvmOptions("-Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        ensemble.start();
        System.out.println("backend " + ensemble.backend());
        LocalBackend local = LocalBackend.of(ensemble.id());
        if (args.length > 0 && args[0].equals("pause")) {
            FaultInjector.forEnsemble(ensemble).apply(Faults.pause(Targets.named("zk1")));
        }
        System.out.println("directory " + local.clockFile("zk1").getParent().getParent());
        for (int id = 1; id <= 3; id++) {
            System.out.println("pid " + local.server("zk" + id).pid());
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
