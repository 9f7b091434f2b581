package io.chaoskeeper.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A version sweep against real one-node ensembles, through EngineTestKit: one run per version into its own
 * directory, each judged with its own expectations, the failure naming the failing version only, and the setting
 * overriding the annotation.
 */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class VersionSweepIT {

    static volatile Map<String, ChaosResult> seen;

    @ZooKeeperChaos(nodes = 1, versions = {"3.9.4", "3.8.4"})
    static class Sweep {
        @Test
        void expectsAnAnomalyOnlyOn38(ChaosRun chaos) {
            try {
                chaos.withWorkload(Workloads.register()).withDuration(Duration.ofSeconds(2))
                        .withRunSettings(b -> b.quietPeriod(Duration.ofMillis(200)))
                        .withCheckers(LinearizabilityChecker.of(Models.register()))
                        .expectAnomalyOn(v -> v.startsWith("3.8."), "not-linearizable")
                        .run();
            } finally {
                seen = chaos.results();
            }
        }
    }

    @TempDir
    Path output;

    private Events execute(Map<String, String> settings) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("chaoskeeper.output.dir", output.toString())
                .configurationParameter("chaoskeeper.seed", "11")
                .configurationParameters(settings)
                .selectors(selectClass(Sweep.class))
                .execute().allEvents();
    }

    @Test
    void eachVersionRunsIntoItsOwnDirectoryAndOnlyTheFailingOneIsNamed() throws Exception {
        Events events = execute(Map.of());

        events.assertThatEvents().haveExactly(1, event(test("expectsAnAnomalyOnlyOn38"), finishedWithFailure(
                message(m -> m.startsWith("1 of 2 ZooKeeper versions failed (3.8.4).\nZooKeeper 3.8.4: expected "
                        + "anomaly not-linearizable was not found")
                        && m.contains("-Dchaoskeeper.zookeeper.versions=3.8.4 -Dchaoskeeper.seed=11")
                        && !m.contains("ZooKeeper 3.9.4:")))));
        Path method = output.resolve("VersionSweepIT.Sweep").resolve("expectsAnAnomalyOnlyOn38");
        assertThat(seen).containsOnlyKeys("3.9.4", "3.8.4");
        for (String version : seen.keySet()) {
            assertThat(seen.get(version).outputDirectory()).isEqualTo(method.resolve(version));
            assertThat(Files.readString(method.resolve(version).resolve("run.json")))
                    .contains("\"zookeeperVersion\" : \"" + version + "\"").contains("\"seed\" : 11");
        }
    }

    @Test
    void theSettingOverridesTheAnnotatedVersions() {
        Events events = execute(Map.of("chaoskeeper.zookeeper.versions", "3.9.4"));

        events.assertThatEvents().haveExactly(1, event(test("expectsAnAnomalyOnlyOn38"), finishedSuccessfully()));
        assertThat(seen).containsOnlyKeys("3.9.4");
        assertThat(output.resolve("VersionSweepIT.Sweep/expectsAnAnomalyOnlyOn38/3.9.4/history.jsonl"))
                .isNotEmptyFile();
    }
}
