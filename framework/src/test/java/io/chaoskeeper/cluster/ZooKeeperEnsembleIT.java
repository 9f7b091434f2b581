package io.chaoskeeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** A 3-node ensemble shared by the tests of this class; each test leaves it whole. */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class ZooKeeperEnsembleIT {

    static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void start() {
        ensemble = new ZooKeeperEnsemble().withNodes(3);
        ensemble.start();
    }

    @AfterAll
    static void close() {
        ensemble.close();
    }

    @Test
    void formsWithExactlyOneLeaderAndEveryNodeServing() {
        List<NodeMode> modes = ensemble.nodes().stream().map(ensemble::mode).toList();
        assertThat(modes).containsOnly(NodeMode.LEADER, NodeMode.FOLLOWER);
        assertThat(modes).filteredOn(m -> m == NodeMode.LEADER).hasSize(1);
        assertThat(ensemble.leader().mode()).isEqualTo(NodeMode.LEADER);
        assertThat(ensemble.nodes()).extracting(ZooKeeperNode::name).containsExactly("zk1", "zk2", "zk3");
        assertThat(ensemble.connectString().split(",")).hasSize(3).allMatch(s -> s.startsWith("127.0.0.1:"));
    }

    @Test
    void aWriteThroughOneNodeIsReadableThroughEveryOtherAfterSync() throws Exception {
        byte[] value = ("v-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        try (CuratorFramework writer = client(ensemble.node(1))) {
            writer.create().orSetData().forPath("/written-through-zk1", value);
        }
        for (ZooKeeperNode node : ensemble.nodes().subList(1, 3)) {
            try (CuratorFramework reader = client(node)) {
                reader.sync().forPath("/written-through-zk1");
                assertThat(reader.getData().forPath("/written-through-zk1")).as(node.name()).isEqualTo(value);
            }
        }
    }

    @Test
    void containersCarryOurLabelsAndTheirNetworkIps() {
        DockerClient docker = ensemble.docker();
        for (ZooKeeperNode node : ensemble.nodes()) {
            var inspect = docker.inspectContainerCmd(node.containerId()).exec();
            assertThat(inspect.getConfig().getLabels())
                    .containsEntry("io.chaoskeeper", "true")
                    .containsEntry("io.chaoskeeper.ensemble", ensemble.id())
                    .containsEntry("io.chaoskeeper.owner.pid", Long.toString(ProcessHandle.current().pid()));
            assertThat(inspect.getNetworkSettings().getNetworks().get(ensemble.networkName()).getIpAddress())
                    .isEqualTo(node.networkIp());
            assertThat(inspect.getHostConfig().getPrivileged()).isFalse();
            // a node gets no extra capability: only the fault helpers, which share its namespace, need NET_ADMIN
            assertThat(inspect.getHostConfig().getCapAdd()).isNullOrEmpty();
        }
    }

    @Test
    void eachNodesOutputReachesItsLogFileWhileItRuns() {
        for (ZooKeeperNode node : ensemble.nodes()) {
            assertThat(ensemble.logFile(node)).content().as(node.name())
                    .contains("Starting quorum peer, myid=" + node.id());
        }
    }

    @Test
    void theQuorumConfigNamesNoClientAddressSoClientsKeepThePublishedPorts() throws Exception {
        try (CuratorFramework client = client(ensemble.node(2))) {
            String config = new String(client.getConfig().forEnsemble(), StandardCharsets.UTF_8);
            assertThat(config).contains("server.1=zk1:2888:3888").doesNotContain(";");
            assertThat(client.getZookeeperClient().getCurrentConnectionString())
                    .isEqualTo(ensemble.node(2).connectString());
        }
    }

    @Test
    void aKilledNodeRestartsInItsOwnContainerWithItsIpPortAndData() throws Exception {
        ZooKeeperNode follower = ensemble.nodes().stream().filter(n -> n.mode() == NodeMode.FOLLOWER)
                .findFirst().orElseThrow();
        byte[] value = "survives-kill".getBytes(StandardCharsets.UTF_8);
        try (CuratorFramework client = client(follower)) {
            client.create().orSetData().forPath("/before-kill", value);
        }
        DockerClient docker = ensemble.docker();
        docker.killContainerCmd(follower.containerId()).exec();
        assertThat(ensemble.mode(follower)).isEqualTo(NodeMode.SILENT);

        ensemble.startNode(follower);
        assertThat(ensemble.awaitServing(follower, Duration.ofSeconds(30))).isEqualTo(NodeMode.FOLLOWER);

        var inspect = docker.inspectContainerCmd(follower.containerId()).exec();
        assertThat(inspect.getNetworkSettings().getNetworks().get(ensemble.networkName()).getIpAddress())
                .isEqualTo(follower.networkIp());
        try (CuratorFramework client = client(follower)) {
            // read locally, without sync: the node's own data dir survived the kill
            assertThat(client.getData().forPath("/before-kill")).isEqualTo(value);
        }
        ensemble.awaitLeader(Duration.ofSeconds(30));
    }

    @Test
    void aStoppedLeaderRestartsWithItsIpAndTheEnsembleElectsOneLeader() {
        ZooKeeperNode leader = ensemble.leader();
        DockerClient docker = ensemble.docker();
        docker.stopContainerCmd(leader.containerId()).withTimeout(5).exec();
        ZooKeeperNode newLeader = ensemble.awaitLeader(Duration.ofSeconds(30));
        assertThat(newLeader).isNotEqualTo(leader);

        ensemble.startNode(leader);
        assertThat(ensemble.awaitServing(leader, Duration.ofSeconds(30))).isEqualTo(NodeMode.FOLLOWER);
        var inspect = docker.inspectContainerCmd(leader.containerId()).exec();
        assertThat(inspect.getNetworkSettings().getNetworks().get(ensemble.networkName()).getIpAddress())
                .isEqualTo(leader.networkIp());
        assertThat(ensemble.awaitLeader(Duration.ofSeconds(30))).isEqualTo(newLeader);
    }

    @Test
    void awaitServingGivesUpWithOneSentenceWhenTheNodeStaysDown() {
        ZooKeeperNode node = ensemble.node(3);
        ensemble.docker().killContainerCmd(node.containerId()).exec();
        try {
            assertThatThrownBy(() -> ensemble.awaitServing(node, Duration.ofMillis(300)))
                    .isInstanceOf(EnsembleException.class)
                    .hasMessage("zk3 does not serve clients 300 ms after it was started.");
        } finally {
            ensemble.startNode(node);
            ensemble.awaitServing(node, Duration.ofSeconds(30));
            ensemble.awaitLeader(Duration.ofSeconds(30)); // zk3 may have led: leave the ensemble whole
        }
    }

    private static CuratorFramework client(ZooKeeperNode node) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(node.connectString())
                .retryPolicy(new RetryNTimes(3, 200)).connectionTimeoutMs(5_000).sessionTimeoutMs(10_000).build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).as("connected to " + node).isTrue();
        return client;
    }
}
