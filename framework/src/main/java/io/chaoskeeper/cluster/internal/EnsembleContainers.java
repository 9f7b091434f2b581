package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker objects of one ensemble: its private network, with a subnet we choose so every node keeps its IP
 * across kill/start and stop/start (the fault layer's iptables rules name IPs), and one container per node with
 * its client port published on 127.0.0.1 at a fixed port (so it too survives restarts).
 */
public final class EnsembleContainers implements AutoCloseable {

    /** How a node starts: the image needs {@code sh}, {@code java} and the server jars in {@link NodeImages#LIB_DIR}. */
    static final String START_SCRIPT = String.join("\n",
            "set -e",
            "mkdir -p " + ZooCfg.DATA_DIR + " /conf",
            "[ -s " + ZooCfg.DATA_DIR + "/myid ] || echo \"$ZK_MYID\" > " + ZooCfg.DATA_DIR + "/myid",
            // once: a server with reconfigEnabled rewrites it to name its dynamic config, which a restart keeps
            "[ -s /conf/zoo.cfg ] || printf '%s' \"$ZK_CFG\" > /conf/zoo.cfg",
            "CDS=; [ -s " + NodeImages.CDS_ARCHIVE + " ] && CDS=-XX:SharedArchiveFile=" + NodeImages.CDS_ARCHIVE,
            // a user's own image (withImage) may lack the clock agent: it starts all the same, without clock faults
            "AGENT=; [ -s " + NodeImages.CLOCK_AGENT + " ] && AGENT=-javaagent:" + NodeImages.CLOCK_AGENT + "="
                    + NodeImages.CLOCK_FILE,
            "exec java $CDS $AGENT $ZK_JVM_OPTS -cp '" + NodeImages.LIB_DIR + "/*' "
                    + "org.apache.zookeeper.server.quorum.QuorumPeerMain /conf/zoo.cfg");

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleContainers.class);
    private static final int SUBNET_ATTEMPTS = 10;
    private static final int PORT_ATTEMPTS = 3;

    private final DockerClient docker;
    private final String ensembleId;
    private final Path logDirectory;
    private final Map<String, String> labels;
    private final Map<Integer, String> containers = new LinkedHashMap<>();
    private final Map<Integer, Closeable> followers = new ConcurrentHashMap<>();
    private String networkId;
    private String subnetPrefix;

    public EnsembleContainers(DockerClient docker, String ensembleId, Path logDirectory) {
        this.docker = docker;
        this.ensembleId = ensembleId;
        this.logDirectory = logDirectory;
        this.labels = Ownership.labels(ensembleId);
    }

    /** The network's name: {@code chaoskeeper-<ensemble id>}. */
    public String networkName() {
        return "chaoskeeper-" + ensembleId;
    }

    /** The network's id, once created. */
    public String networkId() {
        return networkId;
    }

    /** Creates the network on a free /24 in 10.200.0.0/13; Docker refuses subnets that overlap others. */
    public void createNetwork() {
        DockerException last = null;
        for (int attempt = 0; attempt < SUBNET_ATTEMPTS; attempt++) {
            int r = ThreadLocalRandom.current().nextInt(8 * 256);
            String prefix = "10." + (200 + r / 256) + "." + (r % 256) + ".";
            try {
                networkId = docker.createNetworkCmd()
                        .withName(networkName())
                        .withDriver("bridge")
                        .withCheckDuplicate(true)
                        .withLabels(labels)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(prefix + "0/24").withGateway(prefix + "1")))
                        .exec().getId();
                subnetPrefix = prefix;
                return;
            } catch (DockerException e) {
                last = e;
                if (!String.valueOf(e.getMessage()).contains("overlap")) {
                    break;
                }
            }
        }
        throw new EnsembleException("Docker could not create the ensemble's network (" + last.getMessage().trim()
                + ").", last);
    }

    /** Creates and starts node {@code id}; returns it with its network IP and published client port. */
    public ZooKeeperNode startNode(int id, String image, String zooCfg, String jvmOptions) {
        for (int attempt = 1; ; attempt++) {
            // we pick the host port (Docker would pick a new one on every restart); another process may take it
            // between our pick and Docker's bind: then a new container on a new port
            int hostPort = freeLoopbackPort();
            String containerId = create(id, image, zooCfg, jvmOptions, hostPort);
            try {
                docker.startContainerCmd(containerId).exec();
                follow(id, containerId, 0);
                return new ZooKeeperNode(id, "zk" + id, containerId, ip(id),
                        new InetSocketAddress("127.0.0.1", hostPort));
            } catch (DockerException e) {
                String message = String.valueOf(e.getMessage());
                boolean portTaken = message.contains("already allocated") || message.contains("already in use");
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                synchronized (containers) {
                    containers.remove(id);
                }
                Ownership.removeContainer(docker, containerId);
            }
        }
    }

    private String create(int id, String image, String zooCfg, String jvmOptions, int hostPort) {
        String name = "zk" + id;
        ExposedPort client = ExposedPort.tcp(ZooCfg.CLIENT_PORT);
        Map<String, String> nodeLabels = new LinkedHashMap<>(labels);
        nodeLabels.put("io.chaoskeeper.node", name);
        String containerId = docker.createContainerCmd(image)
                .withName("chaoskeeper-" + ensembleId + "-" + name)
                .withHostName(name)
                .withLabels(nodeLabels)
                .withEnv("ZK_MYID=" + id, "ZK_CFG=" + zooCfg, "ZK_JVM_OPTS=" + jvmOptions)
                .withEntrypoint("sh", "-c", START_SCRIPT)
                .withCmd(List.of())
                .withExposedPorts(client)
                .withAliases(name)
                .withIpv4Address(ip(id))
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(networkName())
                        .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), client))
                        .withPrivileged(false)) // no NET_ADMIN either: only the fault helpers need it

                .exec().getId();
        synchronized (containers) {
            containers.put(id, containerId);
        }
        return containerId;
    }

    /** Node {@code id}'s fixed address on the ensemble network: .11 for zk1, .12 for zk2, ... */
    private String ip(int id) {
        return subnetPrefix + (10 + id);
    }

    /** {@code docker start} of a node's existing container (after a kill or stop); a running one is left alone. */
    public void start(ZooKeeperNode node) {
        if (!Boolean.TRUE.equals(docker.inspectContainerCmd(node.containerId()).exec().getState().getRunning())) {
            int since = (int) (System.currentTimeMillis() / 1000);
            docker.startContainerCmd(node.containerId()).exec();
            follow(node.id(), node.containerId(), since);
        }
    }

    /** The file a node's stdout and stderr are saved to. */
    public Path logFile(int id) {
        return logDirectory.resolve("zk" + id + ".log");
    }

    /**
     * Saves every node's output (all its runs, across restarts), then removes the containers, whatever else carries
     * the ensemble's label (a fault helper whose start was cut short stays behind in {@code Created}), and the network.
     */
    @Override
    public void close() {
        Map<Integer, String> toRemove;
        synchronized (containers) {
            toRemove = new LinkedHashMap<>(containers);
            containers.clear();
        }
        followers.values().forEach(EnsembleContainers::closeQuietly);
        followers.clear();
        CompletableFuture.allOf(toRemove.entrySet().stream().map(c -> CompletableFuture.runAsync(() -> {
            saveLog(c.getKey(), c.getValue());
            Ownership.removeContainer(docker, c.getValue());
        }, Threads.POOL)).toArray(CompletableFuture[]::new)).join();
        Ownership.removeContainersOf(docker, ensembleId);
        if (networkId != null) {
            Ownership.removeNetwork(docker, networkId);
            networkId = null;
        }
    }

    /**
     * Appends a node's output to its log file while it runs (from {@code since}, epoch seconds; 0 for all), so a
     * JVM that dies before {@link #close()} still leaves the logs. Close rewrites the file from the engine's
     * complete record, which also covers restarts made behind our back.
     */
    private void follow(int id, String containerId, int since) {
        try {
            Files.createDirectories(logDirectory);
            OutputStream out = Files.newOutputStream(logFile(id), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            try {
                closeQuietly(followers.put(id, copyLog(containerId, since, true, out)));
            } catch (RuntimeException e) {
                closeQuietly(out);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot follow the output of zk{} into {}: {}", id, logFile(id), e.toString());
        }
    }

    private void saveLog(int id, String containerId) {
        Path file = logFile(id);
        try {
            saveLog(containerId, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the log of zk{} to {}: {}", id, file, e.toString());
        }
    }

    /** Writes a container's whole output (all its runs, across restarts) to {@code file}, replacing it. */
    public void saveLog(String containerId, Path file) throws IOException {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file);
            try {
                copyLog(containerId, 0, false, out).awaitCompletion(30, TimeUnit.SECONDS);
            } finally {
                closeQuietly(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving a container's log to " + file, e);
        }
    }

    /** Copies a container's stdout and stderr into {@code out}, which is closed when the copy ends. */
    private ResultCallback.Adapter<Frame> copyLog(String containerId, int since, boolean follow, OutputStream out) {
        return docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(follow)
                .withSince(since)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        try {
                            out.write(frame.getPayload());
                            out.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            out.close();
                        }
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        closeQuietly(out);
                    }
                });
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort: the log is rewritten at close
            }
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EnsembleException("No free port on 127.0.0.1 for a node's client port.", e);
        }
    }
}
