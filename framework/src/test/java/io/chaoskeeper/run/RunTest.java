package io.chaoskeeper.run;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunTest {

    @TempDir
    Path dir;

    @Test
    void missingPartsAreNamedInOneSentence() {
        assertThatThrownBy(() -> Run.builder().workload(Workloads.register()).outputDirectory(dir).build())
                .hasMessage("a run needs the ensemble's nodes: call nodes(ensemble.nodes())");
        assertThatThrownBy(() -> Run.builder().clients(0)).hasMessage("a run needs at least one client, not 0");
    }

    @Test
    void anUnreachableEnsembleFailsSetupInOneSentenceAndStillWritesTheRunFiles() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ZooKeeperNode nowhere = new ZooKeeperNode(1, "zk1", "none", "127.0.0.1",
                new InetSocketAddress("127.0.0.1", closedPort));
        AtomicBoolean faultsStarted = new AtomicBoolean();
        FaultSchedule schedule = (nodes, seed, events) -> {
            faultsStarted.set(true);
            return FaultSchedule.none().start(nodes, seed, events);
        };
        Run run = Run.builder().nodes(List.of(nowhere)).workload(Workloads.register()).outputDirectory(dir)
                .sessionTimeout(Duration.ofMillis(300)).faults(schedule, "test").seed(7).build();
        assertThatThrownBy(run::execute).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("run register failed in its setup phase: client -1 cannot connect to 127.0.0.1:"
                        + closedPort);
        assertThat(faultsStarted).as("faults start only after setup").isFalse();
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"error\"").contains("\"seed\" : 7")
                .contains("-Dchaoskeeper.seed=7");
        assertThat(dir.resolve("history.jsonl")).exists();
        assertThat(dir.resolve("nodes")).isDirectory();
    }

    @Test
    void runJsonDeclaresWhatTheRunExpectsToleratesAndOnlyReports() throws Exception {
        Run run = Run.builder().nodes(List.of(unreachableNode())).workload(Workloads.register()).outputDirectory(dir)
                .sessionTimeout(Duration.ofMillis(300))
                .expectations(Expectations.of(List.of("not-linearizable"), java.util.Set.of("lost-update"),
                        List.of("linearizability(sync-read)"), "docs/findings/sync-read-on-leader.md"))
                .build();
        assertThatThrownBy(run::execute).isInstanceOf(IllegalStateException.class);

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("run.json").toFile());
        assertThat(json.get("expectedAnomalies").toString()).isEqualTo("[\"not-linearizable\"]");
        assertThat(json.get("toleratedAnomalies").toString()).isEqualTo("[\"lost-update\"]");
        assertThat(json.get("reportOnlyCheckers").toString()).isEqualTo("[\"linearizability(sync-read)\"]");
        assertThat(json.get("finding").asText()).isEqualTo("docs/findings/sync-read-on-leader.md");
    }

    @Test
    void withoutExpectationsRunJsonSaysNoneAndHasNoFinding() throws Exception {
        Run run = Run.builder().nodes(List.of(unreachableNode())).workload(Workloads.register()).outputDirectory(dir)
                .sessionTimeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(run::execute).isInstanceOf(IllegalStateException.class);

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("run.json").toFile());
        assertThat(json.get("expectedAnomalies")).isEmpty();
        assertThat(json.get("reportOnlyCheckers")).isEmpty();
        assertThat(json.has("finding")).isFalse();
        assertThat(Expectations.of(List.of(), List.of(), List.of(), " ").finding()).isNull();
    }

    private static ZooKeeperNode unreachableNode() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new ZooKeeperNode(1, "zk1", "none", "127.0.0.1",
                    new InetSocketAddress("127.0.0.1", s.getLocalPort()));
        }
    }
}
