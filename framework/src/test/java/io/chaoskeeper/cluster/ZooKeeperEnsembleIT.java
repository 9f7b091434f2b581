package io.chaoskeeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.chaoskeeper.cluster.internal.DockerClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 3-node ensemble shared by the tests of this class; each test leaves it whole. */
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
            assertThat(inspect.getHostConfig().getCapAdd()).extracting(Enum::name).containsExactly("NET_ADMIN");
        }
    }

    private static CuratorFramework client(ZooKeeperNode node) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(node.connectString())
                .retryPolicy(new RetryNTimes(3, 200)).connectionTimeoutMs(5_000).sessionTimeoutMs(10_000).build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).as("connected to " + node).isTrue();
        return client;
    }

    static List<Container> containersOf(DockerClient docker, String ensembleId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.chaoskeeper.ensemble", ensembleId)).exec();
    }

    static DockerClient docker() {
        return DockerClients.connect();
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
