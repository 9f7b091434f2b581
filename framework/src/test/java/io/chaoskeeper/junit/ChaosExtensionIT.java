package io.chaoskeeper.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Checker;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * The extension against a real one-node ensemble, through EngineTestKit: passing, failing with the counterexample,
 * expected anomalies found and missing, injection, contract violations, and that the ensemble is removed.
 */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class ChaosExtensionIT {

    /** Flags every ok write as an anomaly: a checker whose verdict the samples control. */
    static final class FlagsWrites implements Checker {
        @Override
        public String name() {
            return "flags-writes";
        }

        @Override
        public CheckResult check(History history) {
            List<Anomaly> writes = history.operations().stream()
                    .filter(op -> op.type() == Operation.Type.OK && "write".equals(op.f()))
                    .map(op -> new Anomaly("flagged-write", "write of " + op.value() + " was flagged",
                            List.of(op.index()), Map.of())).toList();
            return new CheckResult(name(), writes.isEmpty() ? Verdict.VALID : Verdict.INVALID,
                    writes.size() + " writes flagged", writes, history.size(), Duration.ZERO, Map.of());
        }
    }

    /**
     * Always finds one anomaly of {@code kind}: a server-side witness ("witness"), or servers that disagree (a name
     * starting with "replicas(").
     */
    record FindsOne(String name, String kind) implements Checker {
        @Override
        public CheckResult check(History history) {
            return new CheckResult(name, Verdict.INVALID, "found one " + kind,
                    List.of(new Anomaly(kind, "zk1 shows " + kind, List.of(), Map.of())), history.size(),
                    Duration.ZERO, Map.of());
        }
    }

    static volatile ZooKeeperEnsemble seenEnsemble;
    static volatile ChaosResult seenResult;

    @ZooKeeperChaos(nodes = 1)
    static class Samples {
        @ChaosInject
        ZooKeeperEnsemble fieldEnsemble;

        @ChaosInject
        Path fieldOutput;

        static ChaosRun shortRun(ChaosRun chaos) {
            return chaos.withWorkload(Workloads.register()).withDuration(Duration.ofSeconds(2))
                    .withRunSettings(b -> b.quietPeriod(Duration.ofMillis(200)));
        }

        @Test
        void passes(ZooKeeperEnsemble ensemble, ChaosRun chaos, @OutputDirectory Path output) {
            assertThat(fieldEnsemble).isSameAs(ensemble).isSameAs(chaos.ensemble());
            assertThat(fieldOutput).isEqualTo(output);
            seenEnsemble = ensemble;
            seenResult = shortRun(chaos).withCheckers(LinearizabilityChecker.of(Models.register())).run();
        }

        @Test
        void failsWithTheCounterexample(ChaosRun chaos) {
            shortRun(chaos).withCheckers(new FlagsWrites()).run();
        }

        @Test
        @ExpectAnomaly("flagged-write")
        void expectsAnAnomalyThatIsFound(ChaosRun chaos) {
            shortRun(chaos).withCheckers(new FlagsWrites()).run();
        }

        @Test
        void expectsOnTheBuilderAnAnomalyThatIsNotFound(ChaosRun chaos) {
            shortRun(chaos).withCheckers(LinearizabilityChecker.of(Models.register()))
                    .expectAnomaly("not-linearizable").run();
        }

        @Test
        void toleratesWhatAWitnessExplains(ChaosRun chaos) {
            shortRun(chaos).withCheckers(new FlagsWrites(), new FindsOne("witness", "witnessed"))
                    .tolerateAnomalyWhen("witnessed", "flagged-write").run();
        }

        @Test
        void withoutItsWitnessTheSameAnomalyFails(ChaosRun chaos) {
            shortRun(chaos).withCheckers(new FlagsWrites()).tolerateAnomalyWhen("witnessed", "flagged-write").run();
        }

        @Test
        void wantsAStringDirectory(@OutputDirectory String directory) {
        }

        @Test
        void runsWithoutAWorkload(ChaosRun chaos) {
            chaos.run();
        }
    }

    @ZooKeeperChaos(nodes = 1)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Diverges {
        static final List<String> ensembleIds = new CopyOnWriteArrayList<>();

        @ChaosInject
        static ZooKeeperEnsemble classEnsemble;

        @Test
        void a_serversDisagree(ChaosRun chaos) {
            ensembleIds.add(chaos.ensemble().id());
            Samples.shortRun(chaos).withCheckers(new FindsOne("replicas(sample)", "replicas-disagree")).run();
        }

        @Test
        void b_nextTestGetsAFreshEnsemble(ZooKeeperEnsemble ensemble) {
            ensembleIds.add(ensemble.id());
            assertThat(classEnsemble).isSameAs(ensemble);
            assertThat(ensemble.leader()).isNotNull();
        }
    }

    @ZooKeeperChaos(nodes = 1, lifecycle = ZooKeeperChaos.Lifecycle.PER_METHOD)
    static class WrongFieldType {
        @ChaosInject
        String notInjectable;

        @Test
        void runs() {
        }
    }

    @TempDir
    Path output;

    private Events execute(org.junit.platform.engine.DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("chaoskeeper.output.dir", output.toString())
                .configurationParameter("chaoskeeper.seed", "7")
                .selectors(selector)
                .execute().allEvents();
    }

    @Test
    void samplesPassFailAndExpectAsDeclaredAndTheEnsembleIsRemoved() throws Exception {
        Events events = execute(selectClass(Samples.class));

        events.assertThatEvents()
                .haveExactly(1, event(test("passes"), finishedSuccessfully()))
                .haveExactly(1, event(test("failsWithTheCounterexample"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("checker flags-writes found flagged-write: write of ")
                                && m.contains("was flagged [servers: zk1 (") && m.contains("(and ")
                                && m.contains("seed 7 (reproduce: mvn verify -Dit.test=ChaosExtensionIT"
                                + "#failsWithTheCounterexample -Dchaoskeeper.seed=7)")
                                && m.contains("report: " + output.toAbsolutePath())))))
                .haveExactly(1, event(test("expectsAnAnomalyThatIsFound"), finishedSuccessfully()))
                .haveExactly(1, event(test("expectsOnTheBuilderAnAnomalyThatIsNotFound"), finishedWithFailure(
                        message(m -> m.startsWith("expected anomaly not-linearizable was not found: the run stayed "
                                + "clean of it (linearizability")))))
                .haveExactly(1, event(test("toleratesWhatAWitnessExplains"), finishedSuccessfully()))
                .haveExactly(1, event(test("withoutItsWitnessTheSameAnomalyFails"), finishedWithFailure(
                        message(m -> m.startsWith("checker flags-writes found flagged-write: ")))))
                .haveExactly(1, event(test("wantsAStringDirectory"), finishedWithFailure(
                        message(m -> m.contains("@OutputDirectory parameter 0 of wantsAStringDirectory must be a "
                                + "java.nio.file.Path, not String.")))))
                .haveExactly(1, event(test("runsWithoutAWorkload"), finishedWithFailure(
                        message(m -> m.startsWith("A chaos run needs a workload")))));

        Path runDir = seenResult.outputDirectory();
        assertThat(runDir).isEqualTo(output.resolve("ChaosExtensionIT.Samples").resolve("passes"));
        assertThat(runDir.resolve("history.jsonl")).isNotEmptyFile();
        assertThat(runDir.resolve("checks.json")).isNotEmptyFile();
        assertThat(Files.readString(runDir.resolve("run.json"))).contains("\"seed\" : 7");
        assertThat(seenResult.seed()).isEqualTo(7);
        assertThat(seenResult.checks()).extracting(CheckResult::verdict).containsOnly(Verdict.VALID);
        assertThat(seenResult.checks()).extracting(CheckResult::checker).hasSize(4)
                .contains("server-digest", "server-sync", "zab-logs");
        assertThat(seenResult.history().calls()).isNotEmpty();
        assertThat(events.reportingEntryPublished().count()).isGreaterThanOrEqualTo(4);

        try (DockerClient docker = DockerClients.connect()) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.chaoskeeper.ensemble", seenEnsemble.id())).exec()).isEmpty();
        }
    }

    @Test
    void aRunWhoseServersDisagreeHandsTheNextTestAFreshEnsemble() throws Exception {
        Diverges.ensembleIds.clear();
        execute(selectClass(Diverges.class)).assertThatEvents()
                .haveExactly(1, event(test("a_serversDisagree"), finishedWithFailure(
                        message(m -> m.startsWith("checker replicas(sample) found replicas-disagree")))))
                .haveExactly(1, event(test("b_nextTestGetsAFreshEnsemble"), finishedSuccessfully()));

        assertThat(Diverges.ensembleIds).hasSize(2).doesNotHaveDuplicates();
        try (DockerClient docker = DockerClients.connect()) {
            for (String id : Diverges.ensembleIds) {
                assertThat(docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("io.chaoskeeper.ensemble", id)).exec()).as(id).isEmpty();
            }
        }
    }

    @Test
    void aRerunTakesAFreshDirectory() {
        execute(selectMethod(Samples.class, "passes", ZooKeeperEnsemble.class.getName() + ","
                + ChaosRun.class.getName() + "," + Path.class.getName()));
        Path first = seenResult.outputDirectory();
        execute(selectMethod(Samples.class, "passes", ZooKeeperEnsemble.class.getName() + ","
                + ChaosRun.class.getName() + "," + Path.class.getName()));

        assertThat(seenResult.outputDirectory()).isEqualTo(first.resolveSibling("passes-2"));
    }

    @Test
    void anInjectedFieldOfAnotherTypeFailsClearly() {
        execute(selectClass(WrongFieldType.class)).assertThatEvents().haveExactly(1, event(test("runs"),
                finishedWithFailure(message(m -> m.contains("@ChaosInject field notInjectable has type String, but "
                        + "chaoskeeper injects only ZooKeeperEnsemble, ChaosRun and Path")))));
    }
}
