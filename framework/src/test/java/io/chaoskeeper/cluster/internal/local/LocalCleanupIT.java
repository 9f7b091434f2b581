package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No server process of a local ensemble outlives its owner: after close, after a failed start, after SIGKILL. */
class LocalCleanupIT {

    private static final long GONE_WITHIN_MS = 15_000;

    @Test
    void closeLeavesNoServerAndNoDirectory() {
        List<Long> pids = new ArrayList<>();
        Path directory;
        try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(3)) {
            ensemble.start();
            LocalBackend local = LocalBackend.of(ensemble.id());
            ensemble.nodes().forEach(n -> pids.add(local.server(n.name()).pid()));
            directory = local.directory();
            assertThat(pids).allMatch(LocalCleanupIT::alive);
        }
        assertThat(pids).noneMatch(LocalCleanupIT::alive);
        assertThat(directory).doesNotExist();
    }

    @Test
    void aFailedStartLeavesNoServer() {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withBackend(Backend.LOCAL).withNodes(3)
                .withStartupTimeout(Duration.ofMillis(1));
        assertThatThrownBy(ensemble::start).isInstanceOf(EnsembleException.class)
                .hasMessageContaining("did not serve with one leader");
        assertThat(serversUnder(LocalBackend.root().resolve(ensemble.id()))).isEmpty();
        assertThat(LocalBackend.root().resolve(ensemble.id())).doesNotExist();
    }

    /** The child picks its backend itself (auto) with no Docker engine at DOCKER_HOST: it must be local. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "pause", "spares-pause"})
    void sigkillOfTheOwningJvmLeavesNoServerEvenAPausedOne(String mode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalEnsembleChild.class.getName(), mode)
                .redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", "unix:///nonexistent.sock");
        builder.environment().remove(Backend.ENVIRONMENT);
        Process child = builder.start();
        List<Long> pids = new ArrayList<>();
        List<Long> spares = new ArrayList<>();
        String backend = null;
        Path directory = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("spare ")) {
                    spares.add(Long.parseLong(line.substring(6)));
                } else if (line.startsWith("backend ")) {
                    backend = line.substring(8);
                } else if (line.startsWith("directory ")) {
                    directory = Paths.get(line.substring(10));
                }
            }
            assertThat(line).as("the child's output ended before it was ready").isEqualTo("ready");
            assertThat(backend).isEqualTo("local");
            assertThat(pids).hasSize(3).allMatch(LocalCleanupIT::alive);
            if (mode.startsWith("spares")) {
                assertThat(pids).as("servers started on the first ensemble's spares").hasSameElementsAs(spares);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the child
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long deadline = System.currentTimeMillis() + GONE_WITHIN_MS;
        while (pids.stream().anyMatch(LocalCleanupIT::alive) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(pids).as("servers alive after their JVM was killed").noneMatch(LocalCleanupIT::alive);
        Path dir = directory;
        while (Files.exists(dir) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(dir).doesNotExist();
    }

    /** Running or stopped; a zombie (killed, not yet reaped by whoever inherited it) no longer counts. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static List<ProcessHandle> serversUnder(Path directory) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(directory.toString())).orElse(false)).toList();
    }
}
