package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.local.SpareServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm spare ensemble for the next Docker ensemble of this JVM. Once an ensemble serves, a copy of it (same engine,
 * ZooKeeper version, size, {@code zoo.cfg} and JVM options) starts on a network of its own, at the lowest CPU weight
 * so that it warms on what the running ensembles leave idle, each node's JVM running {@code SpareServer}, which loads
 * and rehearses ZooKeeper's start and then waits for its go file. The next ensemble
 * of that spec takes it ({@link #take}): its start is then ZooKeeper's own start and election, without the engine's
 * container start and a cold JVM, which on a busy 2-core machine are most of a start. One spare at a time: a spare
 * of another spec is removed when an ensemble starts, every spare when the JVM exits (the next run's sweep removes
 * what a killed JVM left). {@code -Dchaoskeeper.docker.spares=false} turns them off.
 */
public final class DockerSpares {

    /** The system property that turns spares off. */
    public static final String ENABLED = "chaoskeeper.docker.spares";
    private static final Logger LOG = LoggerFactory.getLogger(DockerSpares.class);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private static Key key;
    private static CompletableFuture<Spare> spare;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DockerSpares::shutDown, "chaoskeeper-docker-spares"));
    }

    private DockerSpares() {
    }

    /** What makes a spare fit an ensemble: the engine (null: the configured one) and everything its nodes run. */
    record Key(String dockerHost, String version, int size, String zooCfg, String jvmOptions) {
    }

    /** A spare ensemble: its own engine client, image, containers and nodes; closing it removes them. */
    record Spare(DockerClient docker, String image, EnsembleContainers containers, List<ZooKeeperNode> nodes)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                containers.close();
            } finally {
                closeClient(docker);
            }
        }
    }

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(ENABLED, "true"));
    }

    /** The spare made for {@code wanted}, once its containers run, or null; a spare of another spec is removed. */
    static Spare take(Key wanted) {
        CompletableFuture<Spare> made;
        synchronized (DockerSpares.class) {
            made = spare;
            boolean fits = wanted.equals(key);
            spare = null;
            key = null;
            if (made == null || !fits || !enabled()) {
                discard(made);
                return null;
            }
        }
        try {
            return made.join();
        } catch (RuntimeException e) {
            LOG.warn("The warm spare ensemble could not be made ({}); this ensemble starts cold", e.getMessage());
            return null;
        }
    }

    /** Starts making a spare for {@code wanted} on {@code image}, unless one is there or the JVM is exiting. */
    static synchronized void refill(Key wanted, String image) {
        if (!enabled() || jvmExiting() || (spare != null && wanted.equals(key))) {
            return;
        }
        discard(spare);
        key = wanted;
        spare = CompletableFuture.supplyAsync(() -> make(wanted, image), Threads.POOL);
    }

    /** Waits until the spare (if any) is warm, for benchmarks: true if there is one and it is. */
    public static boolean awaitWarm(Duration timeout) {
        CompletableFuture<Spare> made;
        synchronized (DockerSpares.class) {
            made = spare;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Spare ready = made == null ? null : made.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (ready != null && System.nanoTime() < deadline) {
                if (ready.containers().allSaid(SpareServer.AWAITING_LINE, ready.nodes())) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The ensemble id of the spare, once made; null if there is none, for tests. */
    static String ensembleId() {
        CompletableFuture<Spare> made;
        synchronized (DockerSpares.class) {
            made = spare;
        }
        return made == null ? null : made.join().containers().ensembleId();
    }

    private static Spare make(Key wanted, String image) {
        DockerClient docker = DockerClients.connect(wanted.dockerHost());
        EnsembleContainers containers = new EnsembleContainers(docker, UUID.randomUUID().toString().substring(0, 8),
                null);
        try {
            containers.createNetwork();
            List<ZooKeeperNode> nodes = containers.startNodes(wanted.size(), image, wanted.zooCfg(),
                    wanted.jvmOptions(), true);
            LOG.debug("Warm spare ensemble {} started ({} nodes)", containers.ensembleId(), nodes.size());
            return new Spare(docker, image, containers, nodes);
        } catch (RuntimeException e) {
            new Spare(docker, image, containers, List.of()).close();
            throw e;
        }
    }

    private static void discard(CompletableFuture<Spare> made) {
        if (made != null) {
            made.thenAcceptAsync(Spare::close, Threads.POOL);
        }
    }

    /** The JVM is exiting: no new spare, and the one there is removed (after it is made, if that is under way). */
    private static void shutDown() {
        CompletableFuture<Spare> made;
        synchronized (DockerSpares.class) {
            made = spare;
            spare = null;
            key = null;
        }
        if (made != null) {
            try {
                made.get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS).close();
            } catch (Exception e) {
                LOG.debug("A spare ensemble was not removed at exit; the next run's sweep removes it", e);
            }
        }
    }

    /** True once the JVM runs its shutdown hooks, when an ensemble closed by {@code OpenEnsembles} must not refill. */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void closeClient(DockerClient docker) {
        try {
            docker.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a spare's Docker client failed", e);
        }
    }
}
