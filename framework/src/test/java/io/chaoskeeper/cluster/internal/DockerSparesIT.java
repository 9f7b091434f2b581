package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.local.SpareServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm spare ensembles on a real engine: made once an ensemble serves, taken by the next like it, else removed. */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class DockerSparesIT {

    private static final Duration WARM = Duration.ofSeconds(90);
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
    void aServingEnsembleWarmsASpareThatTheNextEnsembleLikeItStartsOn(@TempDir Path logs) throws Exception {
        String spareId;
        try (ZooKeeperEnsemble first = new ZooKeeperEnsemble().withNodes(3).withLogDirectory(logs)) {
            first.start();
            assertThat(DockerSpares.awaitWarm(WARM)).as("a spare is made and warms").isTrue();
            spareId = DockerSpares.ensembleId();
            assertThat(spareId).isNotEqualTo(first.id());
        }
        assertThat(labelled(spareId)).hasSize(3).allMatch(c -> "running".equals(c.getState()))
                .allMatch(c -> cpuShares(c.getId()) == EnsembleContainers.SPARE_CPU_SHARES);
        assertThat(labelled(spareId).get(0).getNames()[0]).contains(spareId);

        try (ZooKeeperEnsemble next = new ZooKeeperEnsemble().withNodes(3).withLogDirectory(logs)) {
            next.start();
            assertThat(next.id()).as("the ensemble took the spare").isEqualTo(spareId);
            assertThat(next.nodes()).allMatch(n -> cpuShares(n.containerId()) == EnsembleContainers.NODE_CPU_SHARES);
            assertThat(next.nodes()).allMatch(n -> n.mode().isServing());
            assertThat(next.nodes()).filteredOn(n -> n.mode() == NodeMode.LEADER).hasSize(1);
            assertThat(next.logFile(next.node(1))).isEqualTo(logs.resolve(spareId).resolve("zk1.log"));
            assertThat(Files.readString(next.logFile(next.leader()))).contains(SpareServer.AWAITING_LINE)
                    .contains("LEADER ELECTION TOOK");

            ZooKeeperNode follower = next.nodes().stream().filter(n -> n != next.leader()).findFirst().orElseThrow();
            docker.killContainerCmd(follower.containerId()).exec();
            next.startNode(follower);
            assertThat(next.awaitServing(follower, Duration.ofSeconds(60)).isServing())
                    .as("a restarted spare node starts its server at once").isTrue();
        }
        assertThat(labelled(spareId)).as("closing the ensemble removes the spare's containers").isEmpty();
    }

    @Test
    void aSpareOfAnotherSpecIsRemovedAndTheEnsembleStartsCold(@TempDir Path logs) throws Exception {
        try (ZooKeeperEnsemble one = new ZooKeeperEnsemble().withNodes(1).withLogDirectory(logs)) {
            one.start();
        }
        assertThat(DockerSpares.awaitWarm(WARM)).isTrue();
        String spareId = DockerSpares.ensembleId();
        assertThat(labelled(spareId)).hasSize(1);

        try (ZooKeeperEnsemble other = new ZooKeeperEnsemble().withNodes(1).withTickTime(Duration.ofMillis(300))
                .withLogDirectory(logs)) {
            other.start();
            assertThat(other.id()).isNotEqualTo(spareId);
            assertThat(other.leader()).isEqualTo(other.node(1));
            assertThat(awaitGone(spareId)).as("the unfit spare is removed").isTrue();
        }
    }

    @Test
    void noSpareWhenTurnedOff(@TempDir Path logs) throws Exception {
        System.setProperty(DockerSpares.ENABLED, "false");
        try {
            try (ZooKeeperEnsemble one = new ZooKeeperEnsemble().withNodes(1).withLogDirectory(logs)) {
                one.start();
            }
            assertThat(DockerSpares.awaitWarm(Duration.ofSeconds(1))).isFalse();
            assertThat(awaitGone(Ownership.OWNER_PID, Long.toString(ProcessHandle.current().pid())))
                    .as("no container of this JVM is left, the spare an earlier test left included").isTrue();
        } finally {
            System.clearProperty(DockerSpares.ENABLED);
        }
    }

    @Test
    void aJvmThatExitsRemovesItsSpare() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SpareAtExit.class.getName())
                .redirectError(new File("target/spare-at-exit.log")).start();
        String spareId = new String(child.getInputStream().readAllBytes()).trim();
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(spareId).as("the child made a spare").matches("[0-9a-f]{8}");
        Map<String, String> its = Map.of(Ownership.OWNER_PID, Long.toString(child.pid()));
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(its).exec()).isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Ownership.OWNER_PID + "=" + child.pid()))
                .exec()).isEmpty();
    }

    /** A JVM that closes an ensemble, prints the id of the spare that leaves, and exits. */
    static final class SpareAtExit {
        public static void main(String[] args) {
            try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(1)
                    .withLogDirectory(Path.of("target", "spare-at-exit"))) {
                ensemble.start();
            }
            System.out.println(DockerSpares.ensembleId());
        }
    }

    private static long cpuShares(String containerId) {
        return docker.inspectContainerCmd(containerId).exec().getHostConfig().getCpuShares();
    }

    private static List<Container> labelled(String ensembleId) {
        return labelled(Ownership.ENSEMBLE, ensembleId);
    }

    private static List<Container> labelled(String label, String value) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec();
    }

    private static boolean awaitGone(String ensembleId) throws InterruptedException {
        return awaitGone(Ownership.ENSEMBLE, ensembleId);
    }

    private static boolean awaitGone(String label, String value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (labelled(label, value).isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
