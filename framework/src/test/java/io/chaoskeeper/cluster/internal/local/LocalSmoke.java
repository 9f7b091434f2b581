package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;

/** Manual smoke run: starts a local ensemble, prints its leader and timings. */
final class LocalSmoke {
    public static void main(String[] args) {
        for (int i = 0; i < Integer.parseInt(args.length > 0 ? args[0] : "1"); i++) {
            long t = System.nanoTime();
            try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(3)) {
                zk.start();
                System.out.println("ready in " + (System.nanoTime() - t) / 1_000_000 + " ms, leader " + zk.leader());
            }
        }
    }
}
