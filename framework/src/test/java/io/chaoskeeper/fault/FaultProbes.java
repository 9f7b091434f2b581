package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.NodeImages;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the fault ITs look at: the rules in a node's namespace, leftover helpers, who leads. */
final class FaultProbes {

    private FaultProbes() {
    }

    /** A started ensemble of small server JVMs, as the fault ITs use. */
    static ZooKeeperEnsemble startEnsemble(int nodes) {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(nodes)
                .withJvmOptions("-Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        ensemble.start();
        return ensemble;
    }

    /** Closes what a fault IT made, the injector first so it heals while the nodes still exist. */
    static void remove(FaultInjector injector, ZooKeeperEnsemble ensemble) {
        if (injector != null) {
            injector.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    /** Heals everything and checks that no fault, helper container or rule of ours is left. */
    static void healAndAssertNothingLeft(FaultInjector injector, ZooKeeperEnsemble ensemble) {
        injector.healAll();
        assertThat(injector.active()).isEmpty();
        assertThat(leftoverHelpers(ensemble.docker(), ensemble.nodes())).as("helper containers left").isEmpty();
        for (ZooKeeperNode node : ensemble.nodes()) {
            assertThat(iptables(ensemble.docker(), node)).as("our rules on %s", node.name())
                    .doesNotContain("CHAOSKEEPER");
        }
    }

    /** The leader's name, or null when there is not exactly one. */
    static String leader(ZooKeeperEnsemble ensemble) {
        try {
            return ensemble.leader().name();
        } catch (EnsembleException e) {
            return null;
        }
    }

    static ZooKeeperNode node(ZooKeeperEnsemble ensemble, String name) {
        return ensemble.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every node serves and exactly one leads. */
    static void awaitHealthy(ZooKeeperEnsemble ensemble, Duration timeout) {
        await(timeout, () -> ensemble.nodes().stream().allMatch(n -> n.mode().isServing()) && leader(ensemble) != null,
                "every node to serve with one leader");
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The node's iptables rules ({@code iptables -S}), read through a throwaway container in its namespace. */
    static String iptables(DockerClient docker, ZooKeeperNode node) {
        return startIn(docker, node, "iptables", "-w", "-S").output(Duration.ofSeconds(30));
    }

    /**
     * Starts a command in a throwaway container of the base image in the node's network namespace (with NET_ADMIN,
     * like our helpers), labelled so the ensemble's sweep would find it.
     */
    static Probe startIn(DockerClient docker, ZooKeeperNode node, String... command) {
        String id = docker.createContainerCmd(NodeImages.BASE).withCmd(command)
                .withLabels(Map.of("io.chaoskeeper", "true", "io.chaoskeeper.role", "fault-probe"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + node.containerId())
                        .withCapAdd(Capability.NET_ADMIN)).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            docker.removeContainerCmd(id).withForce(true).exec();
            throw e;
        }
        return new Probe(docker, id);
    }

    /** A throwaway container started by {@link #startIn}. */
    static final class Probe {
        private final DockerClient docker;
        private final String id;

        private Probe(DockerClient docker, String id) {
            this.docker = docker;
            this.id = id;
        }

        /** What it printed so far. */
        String printed() {
            return logs(docker, id);
        }

        /** Waits until it has printed {@code text}. */
        void awaitPrinted(String text, Duration timeout) {
            await(timeout, () -> printed().contains(text), "a probe to print " + text);
        }

        /** Waits for it to end, removes it and returns what it printed. */
        String output(Duration timeout) {
            try {
                docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
                return printed();
            } finally {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
        }
    }

    /** What a container has printed so far, both streams. */
    static String logs(DockerClient docker, String containerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.writeBytes(frame.getPayload());
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Fault helper containers that still exist for these nodes. */
    static List<String> leftoverHelpers(DockerClient docker, List<ZooKeeperNode> nodes) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.chaoskeeper.role", "fault-helper")).exec().stream()
                .filter(c -> nodes.stream().anyMatch(n -> n.containerId().equals(c.getLabels().get("io.chaoskeeper.target"))))
                .map(c -> c.getId()).toList();
    }
}
