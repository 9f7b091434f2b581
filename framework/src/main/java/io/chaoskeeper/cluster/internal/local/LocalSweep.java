package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.internal.Ownership;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local backend's part of the dead-JVM sweep: each ensemble directory holds {@code owner.properties} with
 * {@link Ownership}'s labels; a directory whose owner JVM is gone (its watchdog was killed too) has its servers
 * killed and is removed. What a live JVM owns, or what cannot be attributed, is left alone.
 */
final class LocalSweep {

    static final String OWNER_FILE = "owner.properties";
    private static final Logger LOG = LoggerFactory.getLogger(LocalSweep.class);

    private LocalSweep() {
    }

    /** Records this JVM as the owner of the ensemble in {@code directory}. */
    static void claim(Path directory, String ensembleId) throws IOException {
        Properties owner = new Properties();
        owner.putAll(Ownership.labels(ensembleId));
        try (Writer out = Files.newBufferedWriter(directory.resolve(OWNER_FILE))) {
            owner.store(out, "the JVM that owns this local ensemble");
        }
    }

    /** Kills and removes what dead JVMs left under {@code root}. Never throws. */
    static void sweep(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).filter(LocalSweep::isOrphan).forEach(LocalSweep::remove);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not sweep local ensembles of dead JVMs under {}: {}", root, e.toString());
        }
    }

    private static boolean isOrphan(Path directory) {
        Path file = directory.resolve(OWNER_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        Properties owner = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            owner.load(in);
        } catch (IOException e) {
            return false;
        }
        Map<String, String> labels = new HashMap<>();
        owner.stringPropertyNames().forEach(key -> labels.put(key, owner.getProperty(key)));
        return Ownership.isOrphan(labels, Ownership.hostName(), Ownership.ProcessTable.local());
    }

    private static void remove(Path directory) {
        LOG.info("Removing local ensemble {} of a JVM that is gone", directory.getFileName());
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(pidFile -> kill(pidFile, directory));
        } catch (IOException e) {
            LOG.debug("listing {} failed", directory, e);
        }
        deleteTree(directory);
    }

    private static void kill(Path pidFile, Path directory) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(directory.toString())).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("reading {} failed", pidFile, e);
        }
    }

    /** Removes a directory tree, best effort. */
    static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("removing {} failed", directory, e);
        }
    }
}
