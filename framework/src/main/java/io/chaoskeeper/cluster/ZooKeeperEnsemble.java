package io.chaoskeeper.cluster;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.internal.Backends;
import io.chaoskeeper.cluster.internal.DockerBackend;
import io.chaoskeeper.cluster.internal.EnsembleBackend;
import io.chaoskeeper.cluster.internal.EnsembleSpec;
import io.chaoskeeper.cluster.internal.OpenEnsembles;
import io.chaoskeeper.cluster.internal.ServerJars;
import io.chaoskeeper.cluster.internal.SuperUser;
import io.chaoskeeper.cluster.internal.Threads;
import io.chaoskeeper.cluster.internal.ZooCfg;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.lifecycle.Startable;

/**
 * A ZooKeeper ensemble of 1 to 9 servers, each in its own Docker container on a private network, its client port
 * published on 127.0.0.1, or on the local backend each a child JVM of this one on 127.0.0.1 (see {@link Backend}
 * and {@link #withBackend}). Configure it fluently, {@link #start()} it (all nodes start in parallel; it returns when
 * every node serves and exactly one leads) and {@link #close()} it (containers and network are removed, each node's
 * output is kept in {@link #logFile(ZooKeeperNode)}).
 *
 * <pre>{@code
 * try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble().withNodes(3)) {
 *     zk.start();
 *     CuratorFramework client = CuratorFrameworkFactory.newClient(zk.connectString(), retryPolicy);
 *     ...
 * }
 * }</pre>
 *
 * <p>Images need no registry: the framework builds them (see {@link #withImage(String)} to bring your own). Everything
 * it creates carries the label {@code io.chaoskeeper=true} plus the ensemble id and the owning JVM; a JVM that dies
 * without closing leaves containers that the next ensemble started on this host removes.
 */
public final class ZooKeeperEnsemble implements Startable, AutoCloseable {

    /** The ZooKeeper server version used unless {@link #withVersion(String)} says otherwise. */
    public static final String DEFAULT_VERSION = managedZooKeeperVersion();

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+([-.][\\w.-]+)?");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration SRVR_TIMEOUT = Duration.ofMillis(500);
    /**
     * Always added to the node JVMs: peers that are not up yet are retried after 1 s rather than backing off to a
     * minute (an election after a restart or a heal would otherwise take that long), and log lines carry times.
     * A server logs each four-letter word it answers as a line of {@code NIOServerCnxn} (its only INFO line there but
     * one about a client that closed its socket): the framework's own, the cluster timeline's {@code srvr} every
     * 100 ms, would make up most of a log, and carrying them through the container's log into the run directory cost
     * 15-20% of the operations a run completes ({@code bench/timeline.sh}), so that logger says warnings only.
     */
    private static final String FIXED_JVM_OPTIONS = " -Dzookeeper.cnxTimeout=1000"
            // ZooKeeper's own digest check (on by default since 3.6): a follower counts each mismatch with its leader
            + " -Dzookeeper.digest.enabled=true"
            + " -Dzookeeper.fastleader.maxNotificationInterval=1000"
            + " -Dorg.slf4j.simpleLogger.showDateTime=true"
            + " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"
            + " -Dorg.slf4j.simpleLogger.log.org.apache.zookeeper.server.NIOServerCnxn=warn"
            // the super user that may reconfigure the ensemble (Faults.removeMember), with reconfigEnabled=true
            + SuperUser.serverJvmOption();

    private String id = UUID.randomUUID().toString().substring(0, 8);
    private int size = 3;
    private String version = DEFAULT_VERSION;
    private String image;
    private final Map<String, String> settings = ZooCfg.defaults();
    private String jvmOptions = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private Path logDirectory = Paths.get("target", "chaoskeeper", "ensembles");
    private Duration startupTimeout = Duration.ofSeconds(60);
    private String dockerHost;
    private Backend requestedBackend;

    private EnsembleBackend backend;
    private Backend backendKind;
    private List<ZooKeeperNode> nodes = List.of();
    private boolean started;

    /** A 3-node ensemble of the default version with default settings. */
    public ZooKeeperEnsemble() {
    }

    /** The number of servers, 1 to 9 (odd sizes make sense; even ones are allowed with a warning). */
    public ZooKeeperEnsemble withNodes(int count) {
        if (count < 1 || count > 9) {
            throw new IllegalArgumentException("An ensemble has 1 to 9 nodes, not " + count + ".");
        }
        if (count % 2 == 0) {
            LOG.warn("An ensemble of {} nodes tolerates no more failures than one of {}: prefer an odd size",
                    count, count - 1);
        }
        this.size = count;
        return this;
    }

    /** The ZooKeeper server version (3.5 or later), resolved from Maven; default {@link #DEFAULT_VERSION}. */
    public ZooKeeperEnsemble withVersion(String version) {
        var m = VERSION.matcher(String.valueOf(version));
        if (!m.matches() || Integer.parseInt(m.group(1)) < 3
                || Integer.parseInt(m.group(1)) == 3 && Integer.parseInt(m.group(2)) < 5) {
            throw new IllegalArgumentException("'" + version
                    + "' is not a ZooKeeper version this framework runs: name one like 3.9.4 or 3.8.4 (3.5 or later).");
        }
        this.version = version;
        return this;
    }

    /**
     * Runs this image instead of building one. The image is started with its entrypoint replaced by
     * {@code sh -c <script>}: it must contain {@code sh}, {@code java} (11+) on the PATH and the server's jars (with
     * an SLF4J binding) in {@code /opt/zookeeper/lib}; {@code iptables} and {@code tc} are needed by network faults.
     * It must already be on the engine or pullable by it.
     */
    public ZooKeeperEnsemble withImage(String image) {
        this.image = Objects.requireNonNull(image, "image");
        return this;
    }

    /** The server tick (default 200 ms): session and election timeouts scale with it. */
    public ZooKeeperEnsemble withTickTime(Duration tick) {
        long millis = tick.toMillis();
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tickTime must be a positive number of milliseconds, not " + tick + ".");
        }
        return withServerProperty("tickTime", Long.toString(millis));
    }

    /** Ticks a follower may take to connect and sync to a leader (default 25). */
    public ZooKeeperEnsemble withInitLimit(int ticks) {
        return withServerProperty("initLimit", Integer.toString(positive("initLimit", ticks)));
    }

    /** Ticks a follower may lag behind the leader (default 10). */
    public ZooKeeperEnsemble withSyncLimit(int ticks) {
        return withServerProperty("syncLimit", Integer.toString(positive("syncLimit", ticks)));
    }

    /**
     * Lets the ensemble's membership change while it runs ({@code reconfigEnabled=true}), as
     * {@link io.chaoskeeper.fault.Faults#removeMember} does through ZooKeeper's admin API. Docker only: the local
     * backend's servers reach each other through per-pair proxies, so no server line names one address for all;
     * there they run without it (a warning says so) and membership faults are refused.
     */
    public ZooKeeperEnsemble withDynamicMembership() {
        return withServerProperty(ZooCfg.RECONFIG_ENABLED, "true");
    }

    /**
     * Sets any {@code zoo.cfg} key, e.g. {@code withServerProperty("maxSessionTimeout", "4000")}. Keys the ensemble
     * owns (dataDir, clientPort, server.N, ...) are rejected.
     */
    public ZooKeeperEnsemble withServerProperty(String key, String value) {
        ZooCfg.checkOverride(key, value);
        settings.put(key, value);
        return this;
    }

    /** The node JVMs' options (default {@code -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}). */
    public ZooKeeperEnsemble withJvmOptions(String options) {
        if (options == null || options.contains("\n") || options.contains("'") || options.contains("\"")) {
            throw new IllegalArgumentException("JVM options are one line of space-separated words without quotes.");
        }
        this.jvmOptions = options;
        return this;
    }

    /** The directory under which each node's output goes, in {@code <ensemble id>/zkN.log}. */
    public ZooKeeperEnsemble withLogDirectory(Path directory) {
        this.logDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** How long {@link #start()} waits for all nodes to serve with one leader (default 60 s). */
    public ZooKeeperEnsemble withStartupTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The startup timeout must be positive, not " + timeout + ".");
        }
        this.startupTimeout = timeout;
        return this;
    }

    /** The Docker engine to use (e.g. {@code tcp://host:2375}) instead of the one {@code DOCKER_HOST} names. */
    public ZooKeeperEnsemble withDockerHost(String host) {
        this.dockerHost = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * Where the servers run: {@link Backend#DOCKER}, {@link Backend#LOCAL} (child JVMs, no Docker needed) or
     * {@link Backend#AUTO} (Docker when an engine answers). Default: {@link Backend#configured()}.
     */
    public ZooKeeperEnsemble withBackend(Backend backend) {
        this.requestedBackend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    /**
     * Builds or finds the image, starts every node in parallel and waits until each one answers {@code srvr} with a
     * mode and exactly one is the leader. On failure everything created is removed and an {@link EnsembleException}
     * (a {@link DockerUnavailableException} without Docker) says why in one sentence.
     */
    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("Ensemble " + id + " was already started; create a new one.");
        }
        started = true;
        long begin = System.nanoTime();
        // the jars resolve while the backend is chosen (a Docker client takes a good part of a second to load)
        CompletableFuture<List<Path>> jars = image != null ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> ServerJars.resolve(version), Threads.POOL);
        try {
            backend = Backends.choose(requestedBackend != null ? requestedBackend : Backend.configured(), dockerHost);
        } catch (RuntimeException e) {
            jars.cancel(true);
            throw e;
        }
        backendKind = backend.kind();
        OpenEnsembles.add(this);
        try {
            EnsembleSpec spec = backend.prepare(new EnsembleSpec(id, size, version, image, settings,
                    jvmOptions + FIXED_JVM_OPTIONS, logDirectory.resolve(id)));
            id = spec.id(); // a warm spare's, when the backend hands us one
            nodes = backend.start(spec, jars);
            long running = System.nanoTime();
            awaitReady(startupTimeout);
            backend.ready();
            LOG.info("Ensemble {}: {} x ZooKeeper {} on the {} backend ready in {} ms (nodes started in {} ms,"
                    + " election {} ms)", id, size, version, backendKind, millisSince(begin), millis(running - begin),
                    millisSince(running));
        } catch (RuntimeException e) {
            close();
            throw failure(e);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long millisSince(long start) {
        return millis(System.nanoTime() - start);
    }

    private void awaitReady(Duration timeout) {
        poll(timeout, this::modes, m -> m.values().stream().allMatch(NodeMode::isServing) && leaders(m).size() == 1,
                m -> "The " + size + "-node ensemble did not serve with one leader within " + timeout.toSeconds()
                        + " s (" + describe(m) + "); the nodes' logs are in " + logDirectory.resolve(id) + ".");
    }

    /** Observes every 50 ms until {@code done} holds of what it saw; on timeout, {@code why} of the last sight. */
    private static <T> T poll(Duration timeout, Supplier<T> observe, Predicate<T> done, Function<T, String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T seen = observe.get();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new EnsembleException(why.apply(seen));
            }
            sleep(POLL);
        }
    }

    /** Each node's mode, asked in parallel. */
    private Map<ZooKeeperNode, NodeMode> modes() {
        Map<ZooKeeperNode, CompletableFuture<NodeMode>> asked = new LinkedHashMap<>();
        nodes.forEach(n -> asked.put(n, CompletableFuture.supplyAsync(() -> n.mode(SRVR_TIMEOUT), Threads.POOL)));
        Map<ZooKeeperNode, NodeMode> modes = new LinkedHashMap<>();
        asked.forEach((n, mode) -> modes.put(n, mode.join()));
        return modes;
    }

    private static List<ZooKeeperNode> leaders(Map<ZooKeeperNode, NodeMode> modes) {
        return modes.entrySet().stream().filter(e -> e.getValue() == NodeMode.LEADER).map(Map.Entry::getKey).toList();
    }

    private static String describe(Map<ZooKeeperNode, NodeMode> modes) {
        return modes.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue().name().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    private static EnsembleException failure(RuntimeException e) {
        if (e instanceof EnsembleException ee) {
            return ee;
        }
        return new EnsembleException("The ensemble could not start: " + e.getMessage(), e);
    }

    /**
     * The ensemble's id, part of its container and network names and labels and the name of its log directory. When
     * the ensemble starts on warm spare containers, it takes their id.
     */
    public String id() {
        return id;
    }

    /** The number of servers. */
    public int size() {
        return size;
    }

    /** The ZooKeeper server version. */
    public String version() {
        return version;
    }

    /** All nodes, by id (zk1 first). */
    public List<ZooKeeperNode> nodes() {
        requireStarted();
        return nodes;
    }

    /** The node with this server id (1..size). */
    public ZooKeeperNode node(int serverId) {
        requireStarted();
        if (serverId < 1 || serverId > nodes.size()) {
            throw new IllegalArgumentException("This ensemble has nodes 1 to " + nodes.size() + ", not " + serverId + ".");
        }
        return nodes.get(serverId - 1);
    }

    /** A connect string naming every node, e.g. {@code 127.0.0.1:32768,127.0.0.1:32769,127.0.0.1:32770}. */
    public String connectString() {
        return nodes().stream().map(ZooKeeperNode::connectString).collect(Collectors.joining(","));
    }

    /** The node that is leader now; {@link EnsembleException} unless exactly one node says it leads. */
    public ZooKeeperNode leader() {
        List<ZooKeeperNode> leaders = leaders(modes());
        if (leaders.size() != 1) {
            throw new EnsembleException("The ensemble has " + leaders.size() + " leaders now, not one ("
                    + describe(modes()) + ").");
        }
        return leaders.get(0);
    }

    /** A node's mode, asked with {@code srvr}. */
    public NodeMode mode(ZooKeeperNode node) {
        return node.mode(SRVR_TIMEOUT);
    }

    /** Waits until exactly one node says it leads and returns it; {@link EnsembleException} on timeout. */
    public ZooKeeperNode awaitLeader(Duration timeout) {
        requireStarted();
        return leaders(poll(timeout, this::modes, m -> leaders(m).size() == 1,
                m -> "No single leader within " + timeout.toMillis() + " ms (" + describe(m) + ").")).get(0);
    }

    /** Waits until a node serves clients again (e.g. after {@link #startNode}); {@link EnsembleException} on timeout. */
    public NodeMode awaitServing(ZooKeeperNode node, Duration timeout) {
        return poll(timeout, () -> node.mode(SRVR_TIMEOUT), NodeMode::isServing,
                m -> node.name() + " does not serve clients " + timeout.toMillis() + " ms after it was started.");
    }

    /**
     * {@code docker start} of the node's own container after a kill or stop (same container: same data, IP and
     * client port); does nothing if it runs. Pair with {@link #awaitServing} to wait until it serves again.
     */
    public void startNode(ZooKeeperNode node) {
        requireStarted();
        backend.startNode(node);
    }

    /** Where this node's stdout and stderr are saved when the ensemble closes. */
    public Path logFile(ZooKeeperNode node) {
        return logDirectory.resolve(id).resolve(node.name() + ".log");
    }

    /**
     * Writes a node's whole output (all its runs, across restarts) to {@code target} now, from the engine's record;
     * e.g. into a run directory while the ensemble lives on for the next run.
     *
     * @throws IOException when the engine cannot give it or the file cannot be written
     */
    public void saveLog(ZooKeeperNode node, Path target) throws IOException {
        requireStarted();
        if (backend instanceof DockerBackend docker) {
            docker.saveLog(node, target);
        } else { // a local server writes its output straight to its log file
            java.nio.file.Files.copy(logFile(node), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Where a run reads each node's data directory at its end: copied out of the container, or tarred from disk for
     * a local node.
     */
    public DataDirectories dataDirectories() {
        requireStarted();
        if (backend instanceof DockerBackend docker) {
            return DataDirectories.docker(docker.docker());
        }
        LocalBackend local = (LocalBackend) backend;
        return DataDirectories.onDisk(node -> local.dataDirectory(node.name()));
    }

    /** The ensemble's Docker network name ({@code chaoskeeper-<id>}). */
    public String networkName() {
        return dockerBackend("network").networkName();
    }

    /** The Docker client the ensemble uses, for the fault layer (valid until {@link #close()}); Docker only. */
    public DockerClient docker() {
        return dockerBackend("Docker client").docker();
    }

    private DockerBackend dockerBackend(String what) {
        requireStarted();
        if (backend instanceof DockerBackend docker) {
            return docker;
        }
        throw new IllegalStateException("Ensemble " + id + " runs on the " + backendKind + " backend, which has no "
                + what + ": use FaultInjector.forEnsemble(ensemble) for faults.");
    }

    /**
     * The backend the servers run on ({@link Backend#DOCKER} or {@link Backend#LOCAL}) once started; before that,
     * the one asked for.
     */
    public Backend backend() {
        if (backendKind != null) {
            return backendKind;
        }
        return requestedBackend != null ? requestedBackend : Backend.configured();
    }

    /** Same as {@link #close()}. */
    @Override
    public void stop() {
        close();
    }

    /** Saves each node's output, removes every container and the network. Safe to call twice. */
    @Override
    public synchronized void close() {
        OpenEnsembles.remove(this);
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    private void requireStarted() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("Ensemble " + id + " is not running: call start() first.");
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 tick, not " + value + ".");
        }
        return value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnsembleException("Interrupted while waiting for the ensemble.", e);
        }
    }

    private static String managedZooKeeperVersion() {
        Properties properties = new Properties();
        try (InputStream in = ZooKeeperEnsemble.class.getResourceAsStream("internal/chaoskeeper.properties")) {
            properties.load(Objects.requireNonNull(in, "chaoskeeper.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("zookeeper.version");
    }

    @Override
    public String toString() {
        return "ZooKeeperEnsemble[" + id + ", " + size + " x ZooKeeper " + version + "]";
    }
}
