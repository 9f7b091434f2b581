package io.chaoskeeper.run;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.Nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A test fault schedule: {@code docker stop} the leader some time after the start, {@code docker start} it at
 * the heal. (The fault layer's own schedules replace it once they land.)
 */
final class LeaderStop implements FaultSchedule {

    private final ZooKeeperEnsemble ensemble;
    private final Duration after;

    LeaderStop(ZooKeeperEnsemble ensemble, Duration after) {
        this.ensemble = ensemble;
        this.after = after;
    }

    @Override
    public Nemesis start(List<ZooKeeperNode> nodes, long seed, Consumer<FaultEvent> events) {
        AtomicReference<ZooKeeperNode> stopped = new AtomicReference<>();
        Object lock = new Object();
        Thread injector = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                synchronized (lock) {
                    ZooKeeperNode leader = ensemble.leader();
                    ensemble.docker().stopContainerCmd(leader.containerId()).withTimeout(0).exec();
                    stopped.set(leader);
                    events.accept(event(true, leader, null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leader-stop");
        injector.setDaemon(true);
        injector.start();
        return new Nemesis() {
            @Override
            public void healAll() {
                injector.interrupt();
                synchronized (lock) {
                    ZooKeeperNode node = stopped.getAndSet(null);
                    if (node != null) {
                        String error = null;
                        try {
                            ensemble.startNode(node);
                            ensemble.awaitServing(node, Duration.ofSeconds(60));
                        } catch (RuntimeException e) {
                            error = "restart failed: " + e.getMessage();
                        }
                        events.accept(event(false, node, error));
                    }
                }
            }

            @Override
            public int activeFaults() {
                return stopped.get() == null ? 0 : 1;
            }

            @Override
            public void close() {
                healAll();
            }
        };
    }

    private static FaultEvent event(boolean start, ZooKeeperNode node, String error) {
        return new FaultEvent(System.nanoTime(), start, 1, "stop", List.of(node.name()), Map.of("role", "leader"),
                error);
    }

    @Override
    public String toString() {
        return "stop the leader after " + after.toMillis() + " ms, restart it at the heal";
    }
}
