package io.chaoskeeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.cluster.internal.NodeImages;
import io.chaoskeeper.cluster.internal.Ownership;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Ensembles that live for one test: sizes, versions, side by side, and that nothing is left behind. */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class EnsembleLifecycleIT {

    static DockerClient docker;

    @BeforeAll
    static void connect() {
        docker = DockerClients.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        docker.close();
    }

    @Test
    void fiveNodesAndOneNodeRunSideBySideAndCloseLeavesNothing(@TempDir Path logs) throws Exception {
        ZooKeeperEnsemble five = new ZooKeeperEnsemble().withNodes(5).withLogDirectory(logs);
        // the one-node ensemble names its image, as a user with a registry would
        String builtImage = NodeImages.ensure(docker, ZooKeeperEnsemble.DEFAULT_VERSION);
        ZooKeeperEnsemble one = new ZooKeeperEnsemble().withNodes(1).withImage(builtImage).withLogDirectory(logs);
        try (five; one) {
            CompletableFuture.allOf(CompletableFuture.runAsync(five::start), CompletableFuture.runAsync(one::start))
                    .get(120, TimeUnit.SECONDS);

            assertThat(five.nodes()).hasSize(5);
            assertThat(five.nodes()).filteredOn(n -> n.mode() == NodeMode.LEADER).hasSize(1);
            assertThat(five.nodes()).allMatch(n -> n.mode().isServing());
            assertThat(one.leader()).isEqualTo(one.node(1));
            assertThat(five.networkName()).isNotEqualTo(one.networkName());
            assertThat(docker.inspectContainerCmd(one.node(1).containerId()).exec().getConfig().getImage())
                    .isEqualTo(builtImage);
            assertThat(labelled(five.id())).hasSize(5);
            // a fault helper whose start was cut short (created, never started) goes with its ensemble too
            Map<String, String> helperLabels = new java.util.HashMap<>(Ownership.labels(one.id()));
            helperLabels.put("io.chaoskeeper.role", "fault-helper");
            docker.createContainerCmd(builtImage).withCmd("true").withLabels(helperLabels).exec();
            assertThat(labelled(one.id())).hasSize(2);

            byte[] value = "only-in-five".getBytes(StandardCharsets.UTF_8);
            try (CuratorFramework writer = client(five.node(5).connectString())) {
                writer.create().forPath("/side-by-side", value);
            }
            try (CuratorFramework reader = client(five.connectString())) {
                reader.sync().forPath("/side-by-side");
                assertThat(reader.getData().forPath("/side-by-side")).isEqualTo(value);
            }
            try (CuratorFramework other = client(one.connectString())) {
                assertThat(other.checkExists().forPath("/side-by-side")).isNull();
            }
        }
        assertThat(labelled(five.id())).isEmpty();
        assertThat(labelled(one.id())).isEmpty();
        assertThat(networks(five.id())).isEmpty();
        assertThat(networks(one.id())).isEmpty();
        Path log = logs.resolve(five.id()).resolve("zk5.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("QuorumPeer");
    }

    @Test
    void aZooKeeper38EnsembleForms(@TempDir Path logs) {
        try (ZooKeeperEnsemble old = new ZooKeeperEnsemble().withVersion("3.8.4").withLogDirectory(logs)) {
            old.start();
            assertThat(old.nodes()).filteredOn(n -> n.mode() == NodeMode.LEADER).hasSize(1);
            assertThat(old.leader().fourLetterWord("srvr", java.time.Duration.ofSeconds(1)))
                    .contains("Zookeeper version: 3.8.4");
        }
    }

    @Test
    void anUnknownVersionFailsBeforeCreatingAnything() {
        long before = System.nanoTime();
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withVersion("9.9.9");
        assertThatThrownBy(ensemble::start)
                .isInstanceOf(EnsembleException.class)
                .hasMessageStartingWith("ZooKeeper 9.9.9 is not in ")
                .hasMessageEndingWith("or Maven Central: name a released version such as 3.9.4 or 3.8.4.");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).isLessThan(30);
        assertThat(labelled(ensemble.id())).isEmpty();
        assertThat(networks(ensemble.id())).isEmpty();
    }

    @Test
    void anEnsembleThatCannotFormWithinTheTimeoutIsRemovedAndSaysWhy(@TempDir Path logs) {
        // a heap too small for the server JVM: the nodes never serve
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(1).withJvmOptions("-Xmx1m")
                .withStartupTimeout(java.time.Duration.ofSeconds(3)).withLogDirectory(logs);
        assertThatThrownBy(ensemble::start)
                .isInstanceOf(EnsembleException.class)
                .hasMessageContaining("The 1-node ensemble did not serve with one leader within 3 s (zk1 silent)");
        assertThat(labelled(ensemble.id())).isEmpty();
        assertThat(networks(ensemble.id())).isEmpty();
        assertThat(logs.resolve(ensemble.id()).resolve("zk1.log")).content().contains("heap");
    }

    static List<?> labelled(String ensembleId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.chaoskeeper", "true", "io.chaoskeeper.ensemble", ensembleId)).exec();
    }

    static List<?> networks(String ensembleId) {
        return docker.listNetworksCmd().withFilter("label", List.of("io.chaoskeeper.ensemble=" + ensembleId)).exec();
    }

    private static CuratorFramework client(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
                .retryPolicy(new RetryNTimes(3, 200)).connectionTimeoutMs(5_000).sessionTimeoutMs(10_000).build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }
}
