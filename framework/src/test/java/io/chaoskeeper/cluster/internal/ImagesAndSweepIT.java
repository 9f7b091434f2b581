package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.EnsembleException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagesAndSweepIT {

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
    void aSecondRunReusesTheCachedNodeImage() {
        String tag = NodeImages.ensure(docker, "3.9.4");
        String id = docker.inspectImageCmd(tag).exec().getId();
        assertThat(tag).matches("chaoskeeper/zookeeper:3\\.9\\.4-[0-9a-f]{12}");
        assertThat(NodeImages.ensure(docker, "3.9.4")).isEqualTo(tag);
        assertThat(docker.inspectImageCmd(tag).exec().getId()).isEqualTo(id);
    }

    @Test
    void aMissingBaseImageWithoutMmdebstrapIsOneSentence() {
        assertThatThrownBy(() -> NodeImages.ensureBase(docker, "chaoskeeper/base:absent-for-test",
                List.of("chaoskeeper-no-such-mmdebstrap", "bookworm", "-")))
                .isInstanceOf(EnsembleException.class)
                .hasMessage("The base image chaoskeeper/base:absent-for-test is missing and"
                        + " chaoskeeper-no-such-mmdebstrap is not installed to build it: install mmdebstrap"
                        + " (apt-get install mmdebstrap; bin/provision does) or build the image with bin/provision.");
    }

    @Test
    void theSweepRemovesWhatADeadJvmLeftAndKeepsWhatALiveOneOwns() throws Exception {
        Process ended = new ProcessBuilder("sleep", "60").start();
        long endedStart = ended.info().startInstant().orElseThrow().toEpochMilli();
        ended.destroy();
        ended.waitFor();
        Map<String, String> dead = new HashMap<>(Ownership.labels("sweep-dead"));
        dead.put(Ownership.OWNER_PID, Long.toString(ended.pid()));
        dead.put(Ownership.OWNER_START, Long.toString(endedStart));
        Map<String, String> alive = Ownership.labels("sweep-alive");

        String deadContainer = create(dead);
        String deadNetwork = docker.createNetworkCmd().withName("chaoskeeper-sweep-dead-" + ended.pid())
                .withLabels(dead).exec().getId();
        String liveContainer = create(alive);
        try {
            Ownership.sweep(docker);
            assertThat(ids(Map.of(Ownership.ENSEMBLE, "sweep-dead"))).isEmpty();
            assertThat(docker.listNetworksCmd().withIdFilter(deadNetwork).exec()).isEmpty();
            assertThat(ids(Map.of(Ownership.ENSEMBLE, "sweep-alive"))).containsExactly(liveContainer);
        } finally {
            Ownership.removeContainer(docker, deadContainer);
            Ownership.removeContainer(docker, liveContainer);
            Ownership.removeNetwork(docker, deadNetwork);
        }
    }

    private static String create(Map<String, String> labels) {
        return docker.createContainerCmd(NodeImages.BASE).withLabels(labels).withCmd("true").exec().getId();
    }

    private static List<String> ids(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(c -> c.getId()).toList();
    }
}
