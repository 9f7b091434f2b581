package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.Nemesis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * A nemesis that carries out its decisions on one background thread. Stopping it is the same for every kind: end the
 * thread (letting a step in progress finish, so it is recorded and healed), heal what it holds, then everything the
 * injector still knows of, and never throw from {@link #close()}.
 */
abstract class BackgroundNemesis implements Nemesis {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundNemesis.class);

    final FaultInjector injector;
    /** Counted down when the run ends: the thread's waits end with it. */
    final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private boolean healed;

    BackgroundNemesis(FaultInjector injector, String threadName) {
        this.injector = injector;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** What the thread does. */
    abstract void run();

    /** Heals the faults this nemesis applied and still holds, recording each stop. */
    abstract void healOwn();

    final void startThread() {
        thread.start();
    }

    @Override
    public final synchronized void healAll() {
        if (healed) {
            return;
        }
        stopping.countDown();
        try {
            // a step in progress is bounded (a leader lookup and an apply, a step bound each), so this wait is too
            thread.join(BoundedSteps.configuredBound().multipliedBy(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        healOwn();
        try {
            injector.healAll();
        } catch (RuntimeException e) {
            LOG.error("final heal incomplete: {}", e.getMessage());
        }
        healed = true;
    }

    @Override
    public final void close() {
        try {
            healAll();
        } finally {
            try {
                injector.close();
            } catch (RuntimeException e) { // close promises never to throw; a custom injector may break that
                LOG.error("closing the fault injector failed: {}", e.toString());
            }
        }
    }
}
