package io.chaoskeeper.cluster.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed local ensemble leaves warm spares; the next one on the same command line runs on them, no other. */
class SparePoolIT {

    private static final Duration WARM_WITHIN = Duration.ofMinutes(1);

    @AfterEach
    void sparesOn() {
        System.clearProperty(SparePool.ENABLED);
    }

    @Test
    void theNextEnsembleRunsOnTheSparesAndARestartedNodeKeepsItsClockFile(@TempDir Path logs) throws IOException {
        startAndClose(ensemble());
        assertThat(SparePool.awaitWarm(WARM_WITHIN)).as("every spare said it is warm").isTrue();
        List<Long> spares = SparePool.pids();
        assertThat(spares).hasSize(3);
        try (Stream<Path> files = Files.walk(SparePool.directory())) {
            assertThat(files).as("each spare's rehearsal left no directory")
                    .noneMatch(p -> p.getFileName().toString().equals("rehearsal"));
        }
        try (ZooKeeperEnsemble ensemble = ensemble().withLogDirectory(logs)) {
            ensemble.start();
            for (ZooKeeperNode node : ensemble.nodes()) {
                assertThat(Files.readString(logs.resolve(ensemble.id()).resolve(node.name() + ".log")))
                        .as("%s's log holds its own server only, not the spare's rehearsal", node.name())
                        .doesNotContain("/rehearsal/").containsOnlyOnce("Reading configuration from");
            }
            LocalBackend local = LocalBackend.of(ensemble.id());
            assertThat(ensemble.nodes().stream().map(n -> local.server(n.name()).pid()).toList())
                    .hasSameElementsAs(spares);
            ServerProcess zk1 = local.server("zk1");
            assertThat(local.clockFile("zk1").startsWith(SparePool.directory())).as("clock file among the spares")
                    .isTrue();
            zk1.kill();
            zk1.start(); // a cold process now, with the same clock file: a clock offset survives the restart
            assertThat(ProcessHandle.of(zk1.pid()).flatMap(p -> p.info().commandLine()).orElseThrow())
                    .contains("=" + local.clockFile("zk1"));
            assertThat(ensemble.awaitServing(ensemble.node(1), Duration.ofSeconds(60)).isServing()).isTrue();
        }
    }

    @Test
    void sparesForOtherServerOptionsAreEndedAndNotUsed() {
        startAndClose(ensemble());
        List<Long> spares = SparePool.pids();
        try (ZooKeeperEnsemble other = ensemble().withJvmOptions("-Xmx96m -XX:TieredStopAtLevel=1")) {
            other.start();
            LocalBackend local = LocalBackend.of(other.id());
            assertThat(other.nodes().stream().map(n -> local.server(n.name()).pid()))
                    .doesNotContainAnyElementsOf(spares);
        }
        assertThat(spares).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void turnedOffNoSpareIsMadeOrUsed() {
        startAndClose(ensemble());
        List<Long> spares = SparePool.pids();
        System.setProperty(SparePool.ENABLED, "false");
        try (ZooKeeperEnsemble ensemble = ensemble()) {
            ensemble.start();
            LocalBackend local = LocalBackend.of(ensemble.id());
            assertThat(ensemble.nodes().stream().map(n -> local.server(n.name()).pid()))
                    .doesNotContainAnyElementsOf(spares);
        }
        assertThat(SparePool.pids()).isEqualTo(spares);
    }

    private static ZooKeeperEnsemble ensemble() {
        return new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(3)
                .withStartupTimeout(Duration.ofMinutes(2));
    }

    private static void startAndClose(ZooKeeperEnsemble ensemble) {
        try (ensemble) {
            ensemble.start();
        }
    }
}
