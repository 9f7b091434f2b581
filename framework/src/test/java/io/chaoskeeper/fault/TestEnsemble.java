package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import org.testcontainers.DockerClientFactory;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A ZooKeeper ensemble for the fault ITs, until the framework's own ensemble lands: one container per server from
 * the base image, running the ZooKeeper jars of the test classpath (mounted read-only) on a private network, client
 * ports published on fixed loopback ports so that they survive restarts.
 */
final class TestEnsemble implements AutoCloseable {

    static final String IMAGE = "chaoskeeper/base:bookworm-v1";
    private static final List<String> JARS = List.of("zookeeper-3", "zookeeper-jute", "audience-annotations",
            "netty-handler-4", "netty-common-4", "netty-resolver-4", "netty-buffer-4", "netty-transport-4",
            "netty-codec-4", "netty-transport-native-unix-common-4", "commons-io", "slf4j-api", "slf4j-simple",
            "metrics-core", "snappy-java");

    final DockerClient docker = DockerClientFactory.instance().client();
    private final String networkId;
    private final List<ZooKeeperNode> nodes = new ArrayList<>();

    private TestEnsemble(int size) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        networkId = docker.createNetworkCmd().withName("ck-faults-" + run)
                .withLabels(Map.of("io.chaoskeeper", "true", "io.chaoskeeper.role", "fault-it")).exec().getId();
        try {
            for (int id = 1; id <= size; id++) {
                nodes.add(startServer(run, id, size));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts {@code size} servers and waits until they serve with a leader. */
    static TestEnsemble start(int size) {
        TestEnsemble ensemble = new TestEnsemble(size);
        ensemble.awaitHealthy(Duration.ofSeconds(90));
        return ensemble;
    }

    List<ZooKeeperNode> nodes() {
        return nodes;
    }

    List<String> names() {
        return nodes.stream().map(ZooKeeperNode::name).toList();
    }

    ZooKeeperNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    String connectString() {
        return String.join(",", nodes.stream().map(ZooKeeperNode::connectString).toList());
    }

    /** The leader's name, or null. */
    String leader() {
        return nodes.stream().filter(n -> n.mode() == NodeMode.LEADER).map(ZooKeeperNode::name).findFirst()
                .orElse(null);
    }

    /** Every server serves, exactly one leads. */
    boolean healthy() {
        List<NodeMode> modes = nodes.stream().map(ZooKeeperNode::mode).toList();
        return modes.stream().allMatch(NodeMode::isServing)
                && modes.stream().filter(m -> m == NodeMode.LEADER).count() == 1;
    }

    void awaitHealthy(Duration timeout) {
        await(timeout, this::healthy, "the ensemble to serve with one leader");
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

    /** The rules in the node's INPUT and CHAOSKEEPER chains, read through a throwaway helper. */
    String iptables(ZooKeeperNode node) {
        String id = docker.createContainerCmd(IMAGE).withCmd("iptables", "-w", "-S")
                .withLabels(Map.of("io.chaoskeeper", "true", "io.chaoskeeper.role", "fault-it"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + node.containerId())
                        .withCapAdd(Capability.NET_ADMIN)).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            return out.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** Fault helper containers that still exist for this ensemble's nodes. */
    List<String> leftoverHelpers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.chaoskeeper.role", "fault-helper")).exec().stream()
                .filter(c -> nodes.stream().anyMatch(n -> n.containerId().equals(c.getLabels().get("io.chaoskeeper.target"))))
                .map(c -> c.getId()).toList();
    }

    private ZooKeeperNode startServer(String run, int id, int size) {
        StringBuilder config = new StringBuilder("tickTime=500\\ninitLimit=10\\nsyncLimit=4\\ndataDir=/data\\n"
                + "clientPort=2181\\n4lw.commands.whitelist=srvr,ruok,mntr\\nadmin.enableServer=false\\n"
                + "quorumListenOnAllIPs=true\\n");
        for (int peer = 1; peer <= size; peer++) {
            config.append("server.").append(peer).append("=zk").append(peer).append(":2888:3888\\n");
        }
        String script = "mkdir -p /data && echo " + id + " > /data/myid && printf '" + config + "' > /zoo.cfg && "
                + "exec java -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '/zk/lib/*' "
                + "org.apache.zookeeper.server.quorum.QuorumPeerMain /zoo.cfg";
        int port = freePort();
        ExposedPort client = ExposedPort.tcp(2181);
        Ports ports = new Ports();
        ports.bind(client, Ports.Binding.bindIpAndPort("127.0.0.1", port));
        String name = "zk" + id;
        String containerId = docker.createContainerCmd(IMAGE)
                .withName("ck-faults-" + run + "-" + name).withHostName(name)
                .withLabels(Map.of("io.chaoskeeper", "true", "io.chaoskeeper.role", "fault-it"))
                .withCmd("sh", "-c", script)
                .withExposedPorts(client)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(networkId).withPortBindings(ports)
                        .withBinds(jarBinds()))
                .withAliases(name)
                .exec().getId();
        docker.startContainerCmd(containerId).exec();
        String ip = docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks().values()
                .iterator().next().getIpAddress();
        return new ZooKeeperNode(id, name, containerId, ip, new InetSocketAddress("127.0.0.1", port));
    }

    private static List<Bind> jarBinds() {
        List<Bind> binds = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (file.endsWith(".jar") && JARS.stream().anyMatch(file::startsWith)) {
                binds.add(new Bind(entry, new Volume("/zk/lib/" + file), com.github.dockerjava.api.model.AccessMode.ro));
            }
        }
        if (binds.size() < JARS.size()) {
            throw new IllegalStateException("the test classpath lacks some ZooKeeper server jars: found " + binds);
        }
        return binds;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    public void close() {
        for (ZooKeeperNode node : nodes) {
            try {
                docker.removeContainerCmd(node.containerId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        try {
            docker.removeNetworkCmd(networkId).exec();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
