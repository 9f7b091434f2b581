package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultInjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries out a {@link io.chaoskeeper.fault.FaultSequence}'s steps on one background thread, once or round after
 * round, and heals everything when the run ends. A round whose step cannot go on (no node has the role, a wait ran
 * out) heals what it applied and ends early, so the next round starts from a healed cluster.
 */
public final class SequenceNemesis extends BackgroundNemesis {

    /** One step of a sequence. */
    @FunctionalInterface
    public interface Step {
        /** Runs the step; false when this round cannot go on. */
        boolean run(SequenceSteps steps) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SequenceNemesis.class);

    private final String name;
    private final List<Step> steps;
    private final boolean repeat;
    private final SequenceSteps context;

    private SequenceNemesis(String name, List<Step> steps, boolean repeat, FaultInjector injector,
                            Supplier<Map<String, NodeMode>> modes, long seed, Duration awaitTimeout,
                            Consumer<FaultEvent> events) {
        super(injector, "chaoskeeper-sequence");
        this.name = name;
        this.steps = List.copyOf(steps);
        this.repeat = repeat;
        this.context = new SequenceSteps(injector, modes, new Random(seed), awaitTimeout, stopping, events);
    }

    /**
     * Starts carrying out the steps now.
     *
     * @param modes each node's mode now, by name (asked before every step that aims at a role)
     */
    public static SequenceNemesis start(String name, List<Step> steps, boolean repeat, FaultInjector injector,
                                        Supplier<Map<String, NodeMode>> modes, long seed, Duration awaitTimeout,
                                        Consumer<FaultEvent> events) {
        SequenceNemesis nemesis = new SequenceNemesis(name, steps, repeat, injector, modes, seed, awaitTimeout,
                events);
        nemesis.startThread();
        return nemesis;
    }

    @Override
    void run() {
        try {
            int round = 0;
            do {
                round++;
                for (Step step : steps) {
                    if (stopping.getCount() == 0) {
                        return;
                    }
                    if (!step.run(context)) {
                        LOG.warn("{}: round {} ended early; healing what it applied", name, round);
                        context.healAll();
                        break;
                    }
                }
            } while (repeat && stopping.getCount() > 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the sequence stops; what is active stays recorded and is healed by healAll
            LOG.error("{} stopped: {}", name, e.toString());
        }
    }

    @Override
    void healOwn() {
        context.healAll();
    }

    @Override
    public int activeFaults() {
        return context.active().size();
    }

    /** The faults applied and not healed yet. */
    public List<ActiveFault> active() {
        return context.active();
    }
}
