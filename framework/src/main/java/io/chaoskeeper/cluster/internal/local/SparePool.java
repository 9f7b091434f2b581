package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm spare servers for the next local ensemble of this JVM: when an ensemble closes, as many {@link SpareServer}
 * processes as it had nodes start on its command line and load ZooKeeper's classes while nothing waits for them;
 * the next ensemble on the same command takes them instead of starting cold JVMs, which on a busy 2-core machine
 * is most of its start. Spares live in {@code <local root>/spares-<id>} with their own {@link Watchdog} and owner
 * file, so they never outlive this JVM; a spare also exits by itself when its input from this JVM ends.
 * {@code -Dchaoskeeper.local.spares=false} turns them off.
 */
final class SparePool {

    /** The system property that turns spares off. */
    static final String ENABLED = "chaoskeeper.local.spares";
    private static final Logger LOG = LoggerFactory.getLogger(SparePool.class);
    private static final Deque<Spare> SPARES = new ArrayDeque<>();
    private static List<String> command = List.of();
    private static Path directory;
    /** Kept: an unreachable pipe would be closed by its cleaner, and the watchdog would end the spares. */
    private static Watchdog watchdog;
    private static int made;
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SparePool::shutDown, "chaoskeeper-spares"));
    }

    private SparePool() {
    }

    /** No spare for a JVM that is exiting: ensembles closed by its shutdown hook must not start any. */
    private static synchronized void shutDown() {
        shuttingDown = true;
        SPARES.forEach(Spare::discard);
        SPARES.clear();
    }

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(ENABLED, "true"));
    }

    /** A live spare made for {@code baseCommand} ({@link LocalNode#baseCommand}), or null if there is none. */
    static synchronized Spare take(List<String> baseCommand) {
        if (!enabled() || !command.equals(baseCommand)) {
            return null;
        }
        Spare spare;
        while ((spare = SPARES.poll()) != null && !spare.isAlive()) {
            LOG.debug("a spare server had exited");
        }
        return spare;
    }

    /** Starts spares until {@code count} wait for {@code baseCommand}; spares for another command are ended. */
    static synchronized void refill(Path root, List<String> baseCommand, Path archive, int count) {
        if (!enabled() || shuttingDown) {
            return;
        }
        if (!command.equals(baseCommand)) {
            SPARES.forEach(Spare::discard);
            SPARES.clear();
            command = List.copyOf(baseCommand);
        }
        SPARES.removeIf(spare -> !spare.isAlive());
        try {
            while (SPARES.size() < count) {
                SPARES.add(start(root, baseCommand, archive));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not start a spare local server: the next ensemble starts cold ({})", e.toString());
        }
    }

    /** Waits until every spare is warm, for benchmarks: true if all are. */
    static boolean awaitWarm(Duration timeout) {
        List<Spare> spares;
        synchronized (SparePool.class) {
            spares = new ArrayList<>(SPARES);
        }
        return spares.stream().allMatch(spare -> spare.awaitWarm(timeout));
    }

    /** The waiting spares' process ids, for tests. */
    static synchronized List<Long> pids() {
        return SPARES.stream().map(Spare::pid).toList();
    }

    /** Where this JVM's spares live (null before the first), for tests. */
    static synchronized Path directory() {
        return directory;
    }

    private static Spare start(Path root, List<String> baseCommand, Path archive) throws IOException {
        if (directory == null) {
            String id = "spares-" + UUID.randomUUID().toString().substring(0, 8);
            directory = Files.createDirectories(root.resolve(id));
            LocalSweep.claim(directory, id);
            watchdog = Watchdog.start(root, directory); // as long as this JVM: its pipe ends when the JVM does
        }
        Path home = Files.createDirectories(directory.resolve("s" + ++made));
        Path clock = home.resolve(LocalNode.CLOCK_FILE);
        Process process = new ProcessBuilder(spareCommand(baseCommand, clock, archive, SpareJar.in(root)))
                .redirectError(Redirect.appendTo(home.resolve("jvm.log").toFile())).start();
        Path pidFile = directory.resolve(home.getFileName() + ".pid");
        Files.writeString(pidFile, Long.toString(process.pid()));
        process.onExit().thenRun(() -> pidFile.toFile().delete());
        return new Spare(process, clock);
    }

    /** The base command with the spare's clock file and archive, {@link SpareServer} as its main class. */
    private static List<String> spareCommand(List<String> base, Path clock, Path archive, Path jar) {
        List<String> spare = new ArrayList<>(base);
        spare.set(1, base.get(1) + "=" + clock);
        int classPath = spare.indexOf("-cp") + 1;
        spare.set(classPath, spare.get(classPath) + java.io.File.pathSeparator + jar);
        spare.set(spare.size() - 1, SpareServer.class.getName());
        spare.add(clock.getParent().toString());
        if (archive != null) {
            spare.add(1, "-XX:SharedArchiveFile=" + archive);
        }
        return spare;
    }
}
