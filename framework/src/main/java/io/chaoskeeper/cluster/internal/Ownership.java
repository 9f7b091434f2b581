package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns a container or network: labels naming the ensemble, the run and the owning JVM (host, pid, start time).
 * This replaces Testcontainers' Ryuk: leftovers of a JVM that died without closing its ensembles are removed by the
 * next ensemble that starts on the same host. Anything whose owner is alive, or that we cannot attribute, is left
 * alone: other people's tests run concurrently on the same engine.
 */
public final class Ownership {

    /** Marks everything the framework creates. */
    public static final String LABEL = "io.chaoskeeper";
    /** The ensemble a container or network belongs to. */
    public static final String ENSEMBLE = "io.chaoskeeper.ensemble";
    /** The run (one JVM's use of the framework) that created it. */
    public static final String RUN = "io.chaoskeeper.run";
    /** The host name of the owning JVM. */
    public static final String OWNER_HOST = "io.chaoskeeper.owner.host";
    /** The pid of the owning JVM. */
    public static final String OWNER_PID = "io.chaoskeeper.owner.pid";
    /** The owning JVM's start time, epoch milliseconds. */
    public static final String OWNER_START = "io.chaoskeeper.owner.start";

    /** Start times read twice for one process may differ by rounding; pid reuse within this window is not real. */
    static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    private static final ProcessHandle SELF = ProcessHandle.current();
    /** One id per JVM: every ensemble this JVM starts shares it. */
    public static final String RUN_ID = Long.toHexString(System.currentTimeMillis()) + "-" + SELF.pid();

    /** Whether a process with this pid and start time still runs on this host. */
    @FunctionalInterface
    public interface ProcessTable {
        boolean isAlive(long pid, Instant start);

        /** The real process table of this host (as far as this JVM's pid namespace sees it). */
        static ProcessTable local() {
            return (pid, start) -> ProcessHandle.of(pid)
                    .map(p -> p.info().startInstant()
                            .map(s -> Duration.between(s, start).abs().compareTo(START_TOLERANCE) < 0)
                            // a live process whose start we cannot read: assume it is the owner
                            .orElse(true))
                    .orElse(false);
        }
    }

    private Ownership() {
    }

    /** The labels for everything an ensemble creates. */
    public static Map<String, String> labels(String ensembleId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL, "true");
        labels.put(ENSEMBLE, ensembleId);
        labels.put(RUN, RUN_ID);
        labels.put(OWNER_HOST, hostName());
        labels.put(OWNER_PID, Long.toString(SELF.pid()));
        labels.put(OWNER_START, Long.toString(SELF.info().startInstant().orElse(Instant.EPOCH).toEpochMilli()));
        return labels;
    }

    /**
     * True when these labels name a JVM on {@code host} that no longer runs. Missing or malformed owner labels, or
     * another host, mean "not ours to judge": false.
     */
    public static boolean isOrphan(Map<String, String> labels, String host, ProcessTable processes) {
        if (labels == null || !"true".equals(labels.get(LABEL)) || !host.equals(labels.get(OWNER_HOST))) {
            return false;
        }
        try {
            long pid = Long.parseLong(labels.get(OWNER_PID));
            long start = Long.parseLong(labels.get(OWNER_START));
            if (start <= 0) {
                return false;
            }
            return !processes.isAlive(pid, Instant.ofEpochMilli(start));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Removes containers, then networks, whose owner JVM on this host is gone. Never throws. */
    public static void sweep(DockerClient docker) {
        String host = hostName();
        ProcessTable processes = ProcessTable.local();
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(LABEL, "true")).exec();
            for (Container c : containers) {
                if (isOrphan(c.getLabels(), host, processes)) {
                    LOG.info("Removing leftover container {} of a JVM that is gone", c.getNames()[0]);
                    removeContainer(docker, c.getId());
                }
            }
            List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(LABEL + "=true")).exec();
            for (Network n : networks) {
                if (isOrphan(n.getLabels(), host, processes)) {
                    LOG.info("Removing leftover network {} of a JVM that is gone", n.getName());
                    removeNetwork(docker, n.getId());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not sweep leftovers of dead JVMs: {}", e.toString());
        }
    }

    /** Force-removes every container, running or not, labelled with this ensemble's id. Never throws. */
    public static void removeContainersOf(DockerClient docker, String ensembleId) {
        try {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ENSEMBLE, ensembleId)).exec()
                    .forEach(c -> removeContainer(docker, c.getId()));
        } catch (RuntimeException e) {
            LOG.warn("Could not list the containers of ensemble {}: {}", ensembleId, e.toString());
        }
    }

    /** Force-removes a container (and its anonymous volumes); already gone is fine. */
    public static void removeContainer(DockerClient docker, String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** Removes a network; already gone is fine. */
    public static void removeNetwork(DockerClient docker, String networkId) {
        try {
            docker.removeNetworkCmd(networkId).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** This host's name, as recorded in {@link #OWNER_HOST}. */
    public static String hostName() {
        return HostName.NAME;
    }

    private static final class HostName {
        static final String NAME = resolve();

        private static String resolve() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                String env = System.getenv("HOSTNAME");
                return env == null ? "unknown-host" : env;
            }
        }
    }
}
