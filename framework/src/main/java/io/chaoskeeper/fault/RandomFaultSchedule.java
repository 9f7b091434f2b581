package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.internal.ScheduledNemesis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A schedule that starts faults drawn from a weighted mix at fixed or random intervals, one at a time or
 * overlapping, each lasting a fixed or random time; closing the nemesis it starts always heals everything.
 *
 * <pre>{@code
 * FaultSchedules.random()
 *     .every(Duration.ofSeconds(5), Duration.ofSeconds(10))
 *     .mix(Faults.partitionRandomHalves(), 2)
 *     .mix(Faults.killRandom(), 1)
 *     .oneAtATime();
 * }</pre>
 *
 * <p>Every decision (when, which fault, which nodes, how long) is drawn from one {@link Random} seeded with the run's
 * seed, in a fixed order, so the same seed and the same ensemble size give the same {@link #decisions}, however long
 * applying takes.
 */
public final class RandomFaultSchedule implements FaultSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(RandomFaultSchedule.class);

    private record Weighted(Fault fault, int weight) {
        @Override
        public String toString() {
            return weight + "x " + fault;
        }
    }

    private final List<Weighted> mix = new ArrayList<>();
    private Duration minGap = Duration.ofSeconds(10);
    private Duration maxGap = minGap;
    private Duration minLasting;
    private Duration maxLasting;
    private int maxActive = 1;
    private Function<List<ZooKeeperNode>, FaultInjector> injectors = FaultInjector::forNodes;

    RandomFaultSchedule() {
    }

    /** Starts a fault every {@code interval} (after the previous heal when one at a time). Default 10 s. */
    public RandomFaultSchedule every(Duration interval) {
        return every(interval, interval);
    }

    /** Waits a random time within {@code [min, max]} before each fault. */
    public RandomFaultSchedule every(Duration min, Duration max) {
        checkRange(min, max);
        minGap = min;
        maxGap = max;
        return this;
    }

    /** Each fault lasts {@code duration} before it is healed. Default: as long as the interval. */
    public RandomFaultSchedule lasting(Duration duration) {
        return lasting(duration, duration);
    }

    /** Each fault lasts a random time within {@code [min, max]}. */
    public RandomFaultSchedule lasting(Duration min, Duration max) {
        checkRange(min, max);
        minLasting = min;
        maxLasting = max;
        return this;
    }

    /**
     * Starts faults {@code factor} times as often: the waits between faults shrink, how long each lasts stays (the
     * soak profile's denser schedule).
     */
    public RandomFaultSchedule denser(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("a schedule can be made denser by a factor of 1 or more, not " + factor);
        }
        if (minLasting == null) { // lasting defaults to the interval: keep the durations the schedule had
            lasting(minGap, maxGap);
        }
        minGap = minGap.dividedBy(factor);
        maxGap = maxGap.dividedBy(factor);
        return this;
    }

    /** Adds a fault to the mix; it is picked with probability {@code weight / total weight}. */
    public RandomFaultSchedule mix(Fault fault, int weight) {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        mix.add(new Weighted(fault, weight));
        return this;
    }

    /** The faults in the mix, in the order added. */
    public List<Fault> faults() {
        return mix.stream().map(w -> w.fault).toList();
    }

    /** One fault at a time: the next starts an interval after the previous is healed. The default. */
    public RandomFaultSchedule oneAtATime() {
        maxActive = 1;
        return this;
    }

    /** Faults start every interval whether or not earlier ones are healed, at most {@code maxActive} at once. */
    public RandomFaultSchedule overlapping(int maxActive) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be at least 1, was " + maxActive);
        }
        this.maxActive = maxActive;
        return this;
    }

    /** Applies faults through injectors made by this function (default {@link FaultInjector#forNodes}). */
    public RandomFaultSchedule withInjector(Function<List<ZooKeeperNode>, FaultInjector> injectors) {
        this.injectors = injectors;
        return this;
    }

    @Override
    public Nemesis start(List<ZooKeeperNode> nodes, long seed, Consumer<FaultEvent> events) {
        Iterator<FaultDecision> decisions = decisions(nodes.stream().map(ZooKeeperNode::name).toList(), seed);
        LOG.info("fault schedule: seed {}, {} nodes, {}", seed, nodes.size(), this);
        FaultInjector injector = injectors.apply(nodes);
        injector.prepare(mix.stream().map(Weighted::fault).toList()); // before the clock starts, so offsets hold
        return ScheduledNemesis.start(injector, decisions, events);
    }

    /**
     * The endless sequence of decisions this schedule makes for an ensemble with these node names and this seed,
     * in time order. It touches no container: use it to preview or compare schedules.
     */
    public Iterator<FaultDecision> decisions(List<String> nodes, long seed) {
        if (mix.isEmpty()) {
            throw new IllegalStateException("the schedule has no faults: add some with mix(fault, weight)");
        }
        return new Planner(List.copyOf(mix), List.copyOf(nodes), new Random(seed));
    }

    @Override
    public String toString() {
        return "every " + minGap + ".." + maxGap + ", lasting " + lasting(true) + ".." + lasting(false)
                + ", at most " + maxActive + " at once, mix " + mix;
    }

    private Duration lasting(boolean min) {
        Duration d = min ? minLasting : maxLasting;
        return d != null ? d : (min ? minGap : maxGap);
    }

    private static void checkRange(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + " and " + max);
        }
    }

    /** Draws decisions lazily; stops wait in a queue ordered by time until they are due. */
    private final class Planner implements Iterator<FaultDecision> {
        private final List<Weighted> mix;
        private final List<String> nodes;
        private final Random random;
        private final int totalWeight;
        private final PriorityQueue<FaultDecision> stops =
                new PriorityQueue<>(Comparator.comparing(FaultDecision::at).thenComparing(FaultDecision::id));
        private FaultDecision pendingStart;
        private Duration pendingLasting;
        private Duration lastStart = Duration.ZERO;
        private Duration lastStop = Duration.ZERO;
        private long nextId = 1;

        Planner(List<Weighted> mix, List<String> nodes, Random random) {
            this.mix = mix;
            this.nodes = nodes;
            this.random = random;
            this.totalWeight = mix.stream().mapToInt(Weighted::weight).sum();
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public FaultDecision next() {
            if (pendingStart == null && (maxActive > 1 || stops.isEmpty())) {
                // one at a time, the gap counts from the previous heal; overlapping, from the previous start
                Duration base = maxActive == 1 ? lastStop : lastStart;
                Duration at = base.plus(between(minGap, maxGap));
                Fault fault = pick().resolve(nodes, random);
                pendingLasting = between(lasting(true), lasting(false));
                pendingStart = new FaultDecision(at, nextId++, true, fault);
            }
            if (!stops.isEmpty() && (pendingStart == null || stops.size() >= maxActive
                    || stops.peek().at().compareTo(pendingStart.at()) <= 0)) {
                FaultDecision stop = stops.poll();
                lastStop = stop.at();
                return stop;
            }
            FaultDecision start = pendingStart;
            if (start.at().compareTo(lastStop) < 0) {
                start = new FaultDecision(lastStop, start.id(), true, start.fault());
            }
            pendingStart = null;
            lastStart = start.at();
            stops.add(new FaultDecision(start.at().plus(pendingLasting), start.id(), false, start.fault()));
            return start;
        }

        private Fault pick() {
            int ticket = random.nextInt(totalWeight);
            for (Weighted w : mix) {
                ticket -= w.weight();
                if (ticket < 0) {
                    return w.fault();
                }
            }
            throw new AssertionError("weights changed");
        }

        private Duration between(Duration min, Duration max) {
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
        }
    }
}
