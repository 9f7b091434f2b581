package io.chaoskeeper.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/** The extension's behaviour that needs no Docker engine, run through JUnit's EngineTestKit. */
class ChaosExtensionTest {

    private static final String MISSING_SOCKET = "unix:///nonexistent/chaoskeeper-test.sock";

    @TempDir
    Path output;

    @ZooKeeperChaos(nodes = 1)
    static class NeedsAnEnsemble {
        @Test
        void runs(ZooKeeperEnsemble ensemble) {
            ensemble.nodes();
        }
    }

    @ZooKeeperChaos(nodes = 1, lifecycle = ZooKeeperChaos.Lifecycle.PER_METHOD)
    static class NeedsAnEnsemblePerMethod {
        @Test
        void runs(ChaosRun chaos) {
            chaos.ensemble();
        }
    }

    private Events run(Class<?> sample, String missingMode) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("chaoskeeper.docker.host", MISSING_SOCKET)
                // Docker by name: what docker.missing decides (auto would run the local backend instead)
                .configurationParameter("chaoskeeper.backend", "docker")
                .configurationParameter("chaoskeeper.docker.missing", missingMode)
                .configurationParameter("chaoskeeper.output.dir", output.toString())
                .selectors(selectClass(sample))
                .execute().allEvents();
    }

    @Test
    void withoutDockerThePerClassContainerIsAbortedInOneSentence() {
        Events events = run(NeedsAnEnsemble.class, "abort");

        events.assertThatEvents().haveExactly(1, event(container(NeedsAnEnsemble.class),
                abortedWithReason(instanceOf(TestAbortedException.class),
                        message(m -> m.startsWith("No Docker engine answers at " + MISSING_SOCKET)
                                && m.indexOf('\n') < 0))));
        assertThat(events.started().filter(e -> e.getTestDescriptor().isTest()).count()).isZero();
    }

    @Test
    void withoutDockerAPerMethodTestIsAborted() {
        Events events = run(NeedsAnEnsemblePerMethod.class, "abort");

        events.assertThatEvents().haveExactly(1, event(test("runs"),
                abortedWithReason(message(m -> m.contains("No Docker engine answers")))));
    }

    @Test
    void withoutDockerInDisableModeTheClassIsSkippedWithTheReason() {
        Events events = run(NeedsAnEnsemble.class, "disable");

        events.assertThatEvents().haveExactly(1, event(container(NeedsAnEnsemble.class),
                org.junit.platform.testkit.engine.EventConditions.skippedWithReason(
                        r -> r.startsWith("No Docker engine answers"))));
        assertThat(events.started().filter(e -> e.getTestDescriptor().isTest()).count()).isZero();
    }

    @Test
    void withoutDockerInFailModeTheClassFails() {
        Events events = run(NeedsAnEnsemble.class, "fail");

        events.assertThatEvents().haveExactly(1, event(container(NeedsAnEnsemble.class),
                finishedWithFailure(message(m -> m.contains("No Docker engine answers")))));
    }

    @Test
    void aBadModeFailsNamingTheKey() {
        Events events = run(NeedsAnEnsemble.class, "sometimes");

        events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m ->
                m.contains("chaoskeeper.docker.missing must be abort, disable or fail, not 'sometimes'")))));
    }

    private static Events runWithSetting(String key, String value) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("chaoskeeper.docker.host", MISSING_SOCKET)
                // Docker by name: what docker.missing decides (auto would run the local backend instead)
                .configurationParameter("chaoskeeper.backend", "docker")
                .configurationParameter(key, value)
                .selectors(selectClass(NeedsAnEnsemble.class))
                .execute().allEvents();
    }

    @Test
    void aMalformedDurationFailsNamingTheKey() {
        Events events = runWithSetting("chaoskeeper.duration", "soon");

        events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m ->
                m.contains("chaoskeeper.duration must be a positive duration like 30s")))));
    }

    @Test
    void aMalformedVersionSweepFailsNamingTheKeyBeforeAnyEnsembleStarts() {
        Events events = runWithSetting("chaoskeeper.zookeeper.versions", "3.8.4,newest");

        events.assertThatEvents().haveExactly(1, event(container(NeedsAnEnsemble.class), finishedWithFailure(
                message("chaoskeeper.zookeeper.versions lists ZooKeeper versions like 3.8.4,3.9.4; 'newest' is "
                        + "not one."))));
    }
}
