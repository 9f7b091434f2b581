package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.local.SpareServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker objects of one ensemble: its private network, with a subnet we choose so every node keeps its IP
 * across kill/start and stop/start (the fault layer's iptables rules name IPs), and one container per node with
 * its client port published on 127.0.0.1 at a fixed port (so it too survives restarts).
 */
public final class EnsembleContainers implements AutoCloseable {

    /** A node's CPU weight: Docker's default. */
    static final int NODE_CPU_SHARES = 1024;
    /** A waiting spare's CPU weight, the lowest: it warms up on CPU that the running ensembles leave idle. */
    static final int SPARE_CPU_SHARES = 2;
    /** The file whose arrival tells a warm spare's server to start. */
    static final String GO_FILE = "/conf/go";

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
            "CP='" + NodeImages.LIB_DIR + "/*'; MAIN=org.apache.zookeeper.server.quorum.QuorumPeerMain",
            // a warm spare (DockerSpares) loads the server and waits for its go file; after a restart it finds it
            "[ -n \"$ZK_SPARE\" ] && CP=\"$CP:" + NodeImages.SPARE_SERVER + "\" && MAIN=\""
                    + SpareServer.class.getName() + " " + SpareServer.AWAIT + " " + GO_FILE + "\"",
            "exec java $CDS $AGENT $ZK_JVM_OPTS -cp \"$CP\" $MAIN /conf/zoo.cfg");

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleContainers.class);
    private static final int SUBNET_ATTEMPTS = 10;
    private static final int PORT_ATTEMPTS = 3;

    private final DockerClient docker;
    private final String ensembleId;
    private final ContainerLogs logs;
    private final Map<String, String> labels;
    private final Map<Integer, String> containers = new LinkedHashMap<>();
    private String networkId;
    private String subnetPrefix;

    public EnsembleContainers(DockerClient docker, String ensembleId, Path logDirectory) {
        this.docker = docker;
        this.ensembleId = ensembleId;
        this.logs = new ContainerLogs(docker, logDirectory);
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

    /** The ensemble id in the names and labels of these containers and this network. */
    public String ensembleId() {
        return ensembleId;
    }

    /** Creates and starts node {@code id}; returns it with its network IP and published client port. */
    public ZooKeeperNode startNode(int id, String image, String zooCfg, String jvmOptions) {
        return startNode(id, image, zooCfg, jvmOptions, false);
    }

    /**
     * Creates and starts nodes 1 to {@code size} in parallel ({@link #startNode(int, String, String, String,
     * boolean)}); when one fails, the others' creation is still waited for, so that {@link #close()} removes all
     * that was created, and the first failure is thrown.
     */
    public List<ZooKeeperNode> startNodes(int size, String image, String zooCfg, String jvmOptions, boolean spare) {
        List<CompletableFuture<ZooKeeperNode>> starting = IntStream.rangeClosed(1, size)
                .mapToObj(n -> CompletableFuture.supplyAsync(
                        () -> startNode(n, image, zooCfg, jvmOptions, spare), Threads.POOL))
                .toList();
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).handle((ok, error) -> null).join();
        return starting.stream().map(DockerBackend::join).toList();
    }

    /**
     * Creates and starts node {@code id}, as a warm spare that waits for {@link #go} if {@code spare} (the image
     * must carry {@link NodeImages#SPARE_SERVER}); returns it with its network IP and published client port.
     */
    public ZooKeeperNode startNode(int id, String image, String zooCfg, String jvmOptions, boolean spare) {
        for (int attempt = 1; ; attempt++) {
            // we pick the host port (Docker would pick a new one on every restart); another process may take it
            // between our pick and Docker's bind: then a new container on a new port
            int hostPort = freeLoopbackPort();
            String containerId = create(id, image, zooCfg, jvmOptions, hostPort, spare);
            try {
                docker.startContainerCmd(containerId).exec();
                if (!spare) {
                    logs.follow(id, containerId, 0);
                }
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

    /**
     * Tells the waiting spare servers of these containers to start, their output from now on followed into
     * {@code nodeLogs}: one small archive copy per node, in parallel.
     */
    public void go(Path nodeLogs, List<ZooKeeperNode> nodes) {
        logs.directory(nodeLogs);
        byte[] tar = goFileTar();
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> {
            docker.updateContainerCmd(node.containerId()).withCpuShares(NODE_CPU_SHARES).exec();
            docker.copyArchiveToContainerCmd(node.containerId()).withRemotePath("/conf")
                    .withTarInputStream(new ByteArrayInputStream(tar)).exec();
            logs.follow(node.id(), node.containerId(), 0);
        }, Threads.POOL)).toArray(CompletableFuture[]::new)).join();
    }

    /** True if every node's container runs. */
    public boolean allRunning(List<ZooKeeperNode> nodes) {
        return nodes.stream().allMatch(node -> isRunning(node.containerId()));
    }

    private boolean isRunning(String containerId) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(containerId).exec().getState().getRunning());
    }

    /** True if every node's output so far has a line containing {@code text}. */
    public boolean allSaid(String text, List<ZooKeeperNode> nodes) throws InterruptedException {
        for (ZooKeeperNode node : nodes) {
            if (!logs.output(node.containerId()).contains(text)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] goFileTar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.putArchiveEntry(new TarArchiveEntry(GO_FILE.substring(GO_FILE.lastIndexOf('/') + 1)));
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private String create(int id, String image, String zooCfg, String jvmOptions, int hostPort, boolean spare) {
        String name = "zk" + id;
        ExposedPort client = ExposedPort.tcp(ZooCfg.CLIENT_PORT);
        Map<String, String> nodeLabels = new LinkedHashMap<>(labels);
        nodeLabels.put("io.chaoskeeper.node", name);
        String containerId = docker.createContainerCmd(image)
                .withName("chaoskeeper-" + ensembleId + "-" + name)
                .withHostName(name)
                .withLabels(nodeLabels)
                .withEnv("ZK_MYID=" + id, "ZK_CFG=" + zooCfg, "ZK_JVM_OPTS=" + jvmOptions,
                        "ZK_SPARE=" + (spare ? "1" : ""))
                .withEntrypoint("sh", "-c", START_SCRIPT)
                .withCmd(List.of())
                .withExposedPorts(client)
                .withAliases(name)
                .withIpv4Address(ip(id))
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(networkName())
                        .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), client))
                        .withPrivileged(false) // no NET_ADMIN either: only the fault helpers need it
                        .withCpuShares(spare ? SPARE_CPU_SHARES : NODE_CPU_SHARES))

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
        if (!isRunning(node.containerId())) {
            int since = (int) (System.currentTimeMillis() / 1000);
            docker.startContainerCmd(node.containerId()).exec();
            logs.follow(node.id(), node.containerId(), since);
        }
    }

    /** The file a node's stdout and stderr are saved to. */
    public Path logFile(int id) {
        return logs.file(id);
    }

    /** Writes a container's whole output (all its runs, across restarts) to {@code file}, replacing it. */
    public void saveLog(String containerId, Path file) throws IOException {
        logs.save(containerId, file);
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
        logs.stopFollowing();
        CompletableFuture.allOf(toRemove.entrySet().stream().map(c -> CompletableFuture.runAsync(() -> {
            logs.save(c.getKey(), c.getValue());
            Ownership.removeContainer(docker, c.getValue());
        }, Threads.POOL)).toArray(CompletableFuture[]::new)).join();
        Ownership.removeContainersOf(docker, ensembleId);
        if (networkId != null) {
            Ownership.removeNetwork(docker, networkId);
            networkId = null;
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
