package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperNode;

import java.util.List;
import java.util.function.Consumer;

/**
 * Decides when and which faults start and stop. All its randomness comes from the seed it is started with, so the
 * same seed and the same ensemble size give the same sequence of fault decisions.
 */
public interface FaultSchedule {

    /**
     * Starts injecting faults into these nodes in the background.
     *
     * @param nodes  the ensemble's nodes
     * @param seed   the run's seed
     * @param events receives every fault start and stop, including failures to apply or heal
     * @return the running schedule; close it to heal everything
     */
    Nemesis start(List<ZooKeeperNode> nodes, long seed, Consumer<FaultEvent> events);

    /** A schedule that injects nothing. */
    static FaultSchedule none() {
        return (nodes, seed, events) -> new Nemesis() {
            @Override
            public void healAll() {
            }

            @Override
            public int activeFaults() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
