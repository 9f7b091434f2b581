package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.FaultDecision;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.FaultInjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries out a schedule's decisions on one background thread, each at its planned offset from the start (so a
 * slow apply delays nothing after it), and records every start and stop as a {@link FaultEvent}.
 */
public final class ScheduledNemesis extends BackgroundNemesis {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledNemesis.class);

    private final Iterator<FaultDecision> decisions;
    private final Consumer<FaultEvent> events;
    private final Map<Long, ActiveFault> active = new ConcurrentSkipListMap<>();
    private final long startNanos = System.nanoTime();

    private ScheduledNemesis(FaultInjector injector, Iterator<FaultDecision> decisions, Consumer<FaultEvent> events) {
        super(injector, "chaoskeeper-nemesis");
        this.decisions = decisions;
        this.events = events;
    }

    /** Starts carrying out the decisions now. */
    public static ScheduledNemesis start(FaultInjector injector, Iterator<FaultDecision> decisions,
                                         Consumer<FaultEvent> events) {
        ScheduledNemesis nemesis = new ScheduledNemesis(injector, decisions, events);
        nemesis.startThread();
        return nemesis;
    }

    @Override
    void run() {
        try {
            while (decisions.hasNext()) {
                FaultDecision decision = decisions.next();
                long wait = startNanos + decision.at().toNanos() - System.nanoTime();
                if (stopping.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (decision.start()) {
                    ActiveFault fault = injector.apply(decision.fault());
                    active.put(decision.id(), fault);
                    emit(true, decision.id(), fault, fault.applyError().orElse(null));
                } else {
                    heal(decision.id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the schedule stops; what is active stays recorded and is healed by healAll
            LOG.error("fault schedule stopped: {}", e.toString());
        }
    }

    private void heal(long id) {
        ActiveFault fault = active.remove(id);
        if (fault == null) {
            return;
        }
        String error = null;
        try {
            fault.heal();
        } catch (RuntimeException e) { // any injector's failure is recorded with the event; the schedule goes on
            error = e instanceof FaultException ? e.getMessage() : NetworkHelpers.firstLine(e);
        }
        emit(false, id, fault, error);
    }

    private void emit(boolean start, long id, ActiveFault fault, String error) {
        if (error != null) {
            LOG.warn("fault {} {} failed: {}", id, start ? "start" : "heal", error);
        }
        FaultEvent event = new FaultEvent(System.nanoTime(), start, id, fault.fault().kind(), fault.targets(),
                fault.parameters(), error);
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.error("fault event listener failed on {}: {}", event, e.toString());
        }
    }

    @Override
    void healOwn() {
        active.keySet().forEach(this::heal);
    }

    @Override
    public int activeFaults() {
        return active.size();
    }
}
