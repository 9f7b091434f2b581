package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Nemesis;
import io.chaoskeeper.fault.Targets;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledNemesisTest {

    private static final List<ZooKeeperNode> NODES = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> new ZooKeeperNode(i, "zk" + i, "c" + i, "10.0.0." + i, new InetSocketAddress("127.0.0.1", 2180 + i)))
            .toList();

    /** Records what it is asked to do; fails applying kills and healing pauses, as a gone container would. */
    private static final class FakeInjector implements FaultInjector {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<ActiveFault> active = new CopyOnWriteArrayList<>();
        final List<String> prepared = new CopyOnWriteArrayList<>();
        volatile long preparedAt;
        volatile long firstAppliedAt;
        boolean closed;

        @Override
        public void prepare(java.util.Collection<? extends Fault> faults) {
            faults.forEach(fault -> prepared.add(fault.kind()));
            try {
                Thread.sleep(200); // as slow as starting the network helpers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            preparedAt = System.nanoTime();
        }

        @Override
        public ActiveFault apply(Fault fault) {
            Fault resolved = fault.resolve(List.of("zk1", "zk2", "zk3"), new java.util.Random(0));
            log.add("apply " + resolved.kind());
            if (firstAppliedAt == 0) {
                firstAppliedAt = System.nanoTime();
            }
            ActiveFault handle = new ActiveFault() {
                boolean healed;

                public Fault fault() {
                    return resolved;
                }

                public List<String> targets() {
                    return resolved.targets();
                }

                public Map<String, Object> parameters() {
                    return resolved.parameters();
                }

                public Optional<String> applyError() {
                    return resolved.kind().equals("kill") ? Optional.of("zk1: No such container") : Optional.empty();
                }

                public void heal() {
                    if (!healed) {
                        healed = true;
                        active.remove(this);
                        log.add("heal " + resolved.kind());
                        if (resolved.kind().equals("pause")) {
                            throw new FaultException("could not heal pause on every node: zk2: gone");
                        }
                        if (resolved.kind().equals("kill")) { // as docker-java's transport reports an I/O error
                            throw new RuntimeException(new java.io.IOException("Broken pipe"));
                        }
                    }
                }
            };
            active.add(handle);
            return handle;
        }

        public List<ActiveFault> active() {
            return List.copyOf(active);
        }

        boolean healAllBreaks;

        public void healAll() {
            List.copyOf(active).forEach(ActiveFault::heal);
            log.add("healAll");
            if (healAllBreaks) {
                throw new IllegalStateException("java.io.IOException: Connection reset by peer");
            }
        }

        public void close() {
            closed = true;
        }
    }

    @Test
    void everyStartAndStopIsRecordedInPairs() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = start(injector, Faults.isolate(Targets.named("zk2")), events::add);
        awaitUntil(() -> events.size() >= 4);
        nemesis.close();

        List<FaultEvent> recorded = new ArrayList<>(events);
        assertThat(recorded).extracting(FaultEvent::kind).containsOnly("partition");
        assertThat(recorded).extracting(FaultEvent::error).containsOnlyNulls();
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(recorded.get(i).start()).isEqualTo(i % 2 == 0);
            assertThat(recorded.get(i).id()).isEqualTo(i / 2 + 1);
        }
        assertThat(recorded.get(0).targets()).containsExactly("zk1", "zk2", "zk3");
        assertThat(recorded.get(0).parameters()).containsKey("grudge");
        assertThat(nemesis.activeFaults()).isZero();
        assertThat(injector.closed).isTrue();
        assertThat(injector.log).last().isEqualTo("healAll");
    }

    @Test
    void aFaultThatFailsToApplyIsRecordedAndTheScheduleGoesOn() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        try (Nemesis nemesis = start(injector, Faults.killRandom(), events::add)) {
            awaitUntil(() -> events.stream().filter(FaultEvent::start).count() >= 3);
        }
        assertThat(events.stream().filter(FaultEvent::start)).allSatisfy(e -> assertThat(e.error())
                .isEqualTo("zk1: No such container"));
    }

    @Test
    void aFailedHealIsRecordedOnTheStopEvent() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        try (Nemesis nemesis = start(injector, Faults.pauseLeader(), events::add)) {
            awaitUntil(() -> events.stream().anyMatch(e -> !e.start()));
        }
        assertThat(events.stream().filter(e -> !e.start()))
                .allSatisfy(e -> assertThat(e.error()).contains("zk2: gone"));
    }

    @Test
    void aHealThatBreaksWithAPlainRuntimeExceptionIsRecordedAndTheScheduleGoesOn() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        injector.healAllBreaks = true;
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = start(injector, Faults.killRandom(), events::add);
        awaitUntil(() -> events.stream().filter(e -> !e.start()).count() >= 2);

        nemesis.close(); // the injector's final heal breaks too: close still closes it and does not throw

        assertThat(events.stream().filter(e -> !e.start()))
                .allSatisfy(e -> assertThat(e.error()).isEqualTo("java.io.IOException: Broken pipe"));
        assertThat(injector.closed).isTrue();
    }

    @Test
    void healAllHealsWhatIsActiveAndStopsTheSchedule() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = FaultSchedules.random().every(Duration.ZERO).lasting(Duration.ofHours(1))
                .mix(Faults.pause(Targets.named("zk3")), 1).withInjector(nodes -> injector)
                .start(NODES, 9, events::add);
        awaitUntil(() -> nemesis.activeFaults() == 1);
        nemesis.healAll();
        nemesis.healAll();
        assertThat(nemesis.activeFaults()).isZero();
        assertThat(events).extracting(FaultEvent::start).containsExactly(true, false);
        assertThat(injector.log).containsExactly("apply pause", "heal pause", "healAll");
        nemesis.close();
    }

    @Test
    void theMixIsReadiedBeforeTheClockStartsSoTheFirstFaultKeepsItsOffset() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        Nemesis nemesis = FaultSchedules.random().every(Duration.ofMillis(100)).lasting(Duration.ofMillis(30))
                .mix(Faults.isolateRandom(), 1).mix(Faults.pause(Targets.named("zk3")), 1)
                .withInjector(nodes -> injector).start(NODES, 3, events::add);
        awaitUntil(() -> !events.isEmpty());
        nemesis.close();

        assertThat(injector.prepared).containsExactly("partition", "pause");
        assertThat(injector.firstAppliedAt - injector.preparedAt).as("the first fault, 100 ms after the readying")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void aThrowingListenerLosesNoLaterEvent() throws InterruptedException {
        FakeInjector injector = new FakeInjector();
        List<FaultEvent> events = new CopyOnWriteArrayList<>();
        try (Nemesis nemesis = start(injector, Faults.isolateRandom(), event -> {
            events.add(event);
            throw new IllegalStateException("listener bug");
        })) {
            awaitUntil(() -> events.size() >= 4);
        }
        assertThat(events.size()).isGreaterThanOrEqualTo(4);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Nemesis start(FakeInjector injector, Fault fault, java.util.function.Consumer<FaultEvent> events) {
        return FaultSchedules.random().every(Duration.ofMillis(20)).lasting(Duration.ofMillis(30))
                .mix(fault, 1).withInjector(nodes -> injector).start(NODES, 1, events);
    }
}
