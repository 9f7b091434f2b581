package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.DockerBackend;
import io.chaoskeeper.cluster.internal.EnsembleBackend;
import io.chaoskeeper.cluster.internal.EnsembleSpec;
import io.chaoskeeper.cluster.internal.ZooCfg;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local backend: each server a child JVM of this one on the server's jars (resolved as for node images), with
 * its own directory, {@code zoo.cfg} and clock file under {@code <tmp>/chaoskeeper-local-<user>/<ensemble id>}, its
 * peer and client traffic through a {@link LocalNetwork}. Its servers never outlive this JVM: close() kills them, a
 * {@link Watchdog} kills them if this JVM dies, and the next local ensemble sweeps what dead JVMs left.
 */
public final class LocalBackend implements EnsembleBackend {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

    private static final Map<String, LocalBackend> RUNNING = new ConcurrentHashMap<>();

    private final Path root = root();
    private final Map<String, ServerProcess> servers = new ConcurrentHashMap<>();
    private String ensembleId;
    private Path directory;
    private LocalNetwork network;
    private Watchdog watchdog;
    private List<String> command;
    private Path archive;

    /** The running local ensemble with this id, for the fault layer; {@link IllegalStateException} if none. */
    public static LocalBackend of(String ensembleId) {
        LocalBackend backend = RUNNING.get(ensembleId);
        if (backend == null) {
            throw new IllegalStateException("Ensemble " + ensembleId + " is not running on the local backend.");
        }
        return backend;
    }

    /** The running local ensemble this node belongs to, if any (its id is {@code local-<ensemble>-<node>}). */
    public static java.util.Optional<LocalBackend> owning(ZooKeeperNode node) {
        return RUNNING.values().stream()
                .filter(b -> node.containerId().equals("local-" + b.ensembleId + "-" + node.name())).findFirst();
    }

    /** Where local ensembles live, per user (another user's files would not be ours to remove). */
    static Path root() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "chaoskeeper-local-" + System.getProperty("user.name"));
    }

    @Override
    public Backend kind() {
        return Backend.LOCAL;
    }

    @Override
    public List<ZooKeeperNode> start(EnsembleSpec spec, CompletableFuture<List<Path>> jars) {
        if (spec.image() != null) {
            throw new EnsembleException("withImage(" + spec.image() + ") needs the Docker backend, but ensemble "
                    + spec.id() + " runs on the local backend: drop the image or set chaoskeeper.backend=docker.");
        }
        ensembleId = spec.id();
        if ("true".equals(spec.settings().get(ZooCfg.RECONFIG_ENABLED))) {
            LOG.warn("Ensemble {} runs without reconfigEnabled on the local backend: its servers reach each other"
                    + " through per-pair proxies, which a reconfiguration cannot name; membership faults need Docker.",
                    spec.id());
        }
        try {
            Files.createDirectories(root);
            CompletableFuture.runAsync(() -> LocalSweep.sweep(root));
            directory = Files.createDirectories(root.resolve(spec.id()));
            LocalSweep.claim(directory, spec.id());
            watchdog = Watchdog.start(root, directory);
            RUNNING.put(spec.id(), this);
            int n = spec.size();
            int[] quorum = LocalPorts.free(n);
            int[] election = LocalPorts.free(n);
            int[] client = LocalPorts.free(n);
            network = new LocalNetwork(spec.id(), quorum, election, client);
            List<Path> serverJars = DockerBackend.join(jars);
            command = LocalNode.baseCommand(spec, serverJars, AgentCache.agentFor(root, serverJars));
            archive = ClassDataArchive.ensure(root, command);
            List<ZooKeeperNode> nodes = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                LocalNode node = new LocalNode(directory, id, spec, network, quorum[id - 1], election[id - 1],
                        client[id - 1]);
                Spare spare = SparePool.take(command);
                ServerProcess server = node.prepare(command, archive, spare == null ? null : spare.clockFile());
                servers.put(server.name(), server);
                server.start(spare);
                nodes.add(new ZooKeeperNode(id, server.name(), "local-" + spec.id() + "-" + server.name(),
                        "127.0.0.1", new InetSocketAddress("127.0.0.1", network.clientPort(id))));
            }
            return nodes;
        } catch (IOException e) {
            throw new EnsembleException("The local ensemble could not be set up in " + root + " ("
                    + e.getMessage() + ").", e);
        }
    }

    @Override
    public void startNode(ZooKeeperNode node) {
        server(node.name()).start();
    }

    /** A node's server process. */
    public ServerProcess server(String name) {
        ServerProcess server = servers.get(name);
        if (server == null) {
            throw new IllegalArgumentException(name + ": no such node in the local ensemble " + ensembleId);
        }
        return server;
    }

    /** The file a node's clock agent reads its offset from. */
    public Path clockFile(String name) {
        return server(name).clockFile();
    }

    /** The ensemble's directory: its nodes' data and config, removed on close. */
    public Path directory() {
        return directory;
    }

    /** A node's ZooKeeper data directory (snapshots and transaction logs under {@code version-2}). */
    public Path dataDirectory(String name) {
        server(name);
        return directory.resolve(name).resolve("data");
    }

    /** The proxies between the nodes and in front of their client ports. */
    public LocalNetwork network() {
        return network;
    }

    @Override
    public synchronized void close() {
        if (ensembleId != null) {
            RUNNING.remove(ensembleId, this);
        }
        servers.values().parallelStream().forEach(ServerProcess::kill);
        if (command != null) {
            SparePool.refill(root, command, archive, servers.size()); // warm while the next test sets up
        }
        if (network != null) {
            network.close();
            network = null;
        }
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
        }
        if (directory != null) {
            LocalSweep.deleteTree(directory);
        }
    }
}
