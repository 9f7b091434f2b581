package io.chaoskeeper.scenarios;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Nemesis;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.workload.GuardedStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pauses the server of a new lock holder (seen by its first write to the guarded storage) for longer than the
 * session timeout: its session expires while its client still believes it holds the lock (CURATOR-206). Random
 * pauses would hit the holder only now and then; aiming makes the hazard show in every run. The leader is left
 * alone: pausing it stalls the whole ensemble instead of expiring one session.
 */
final class HolderPause implements FaultSchedule {

    private final GuardedStorage storage;
    private final ZooKeeperEnsemble ensemble;
    private final Duration every;
    private final Duration lasting;

    HolderPause(GuardedStorage storage, ZooKeeperEnsemble ensemble, Duration every, Duration lasting) {
        this.storage = storage;
        this.ensemble = ensemble;
        this.every = every;
        this.lasting = lasting;
    }

    @Override
    public Nemesis start(List<ZooKeeperNode> nodes, long seed, Consumer<FaultEvent> events) {
        FaultInjector injector = FaultInjector.forEnsemble(ensemble);
        CountDownLatch stop = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                long id = 0;
                while (!stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                    String holder = awaitNewHolder(stop);
                    if (holder == null) {
                        return;
                    }
                    id++;
                    ActiveFault pause = injector.apply(Faults.pause(Targets.named(holder)));
                    emit(events, true, id, pause, pause.applyError().orElse(null));
                    boolean stopping = stop.await(lasting.toMillis(), TimeUnit.MILLISECONDS);
                    String error = null;
                    try {
                        pause.heal();
                    } catch (RuntimeException e) {
                        error = e.getMessage();
                    }
                    emit(events, false, id, pause, error);
                    if (stopping) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "holder-pause");
        thread.setDaemon(true);
        thread.start();
        return new Nemesis() {
            @Override
            public void healAll() {
                stop.countDown();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                injector.healAll();
            }

            @Override
            public int activeFaults() {
                return injector.active().size();
            }

            @Override
            public void close() {
                healAll();
                injector.close();
            }
        };
    }

    /** The server of the next client that starts writing with a new token, unless it is the leader. */
    private String awaitNewHolder(CountDownLatch stop) throws InterruptedException {
        String leader = ensemble.awaitLeader(Duration.ofSeconds(15)).name(); // asked first: pause a new holder at once
        Long seen = storage.lastToken();
        while (!stop.await(10, TimeUnit.MILLISECONDS)) {
            Long token = storage.lastToken();
            String holder = storage.lastWriter();
            if (token != null && !token.equals(seen)) {
                seen = token;
                if (!holder.equals(leader)) {
                    return holder;
                }
            }
        }
        return null;
    }

    private static void emit(Consumer<FaultEvent> events, boolean start, long id, ActiveFault fault, String error) {
        events.accept(new FaultEvent(System.nanoTime(), start, id, fault.fault().kind(), fault.targets(),
                fault.parameters(), error));
    }

    @Override
    public String toString() {
        return "pause the lock holder's server every " + every.toSeconds() + " s for " + lasting.toSeconds() + " s";
    }
}
