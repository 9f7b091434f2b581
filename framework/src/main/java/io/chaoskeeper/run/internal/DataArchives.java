package io.chaoskeeper.run.internal;

import io.chaoskeeper.cluster.DataDirectories;
import io.chaoskeeper.cluster.ZooKeeperNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes each node's data directory into the run directory as {@code nodes/<node>-data.tar.gz}, at most about a cap
 * of compressed bytes per node, and records the outcome in {@code servers.json} ({@code data},
 * {@code dataTruncated}). A node whose directory cannot be read is reported and the others are still archived.
 */
public final class DataArchives {

    /** The system property of the per-node cap, in bytes or with a k, m or g suffix (default 256m). */
    public static final String CAP_PROPERTY = "chaoskeeper.evidence.dataCap";
    /** The default cap per node: 256 MiB of compressed archive. */
    public static final long DEFAULT_CAP = 256L << 20;

    private static final System.Logger LOG = System.getLogger(DataArchives.class.getName());

    private DataArchives() {
    }

    /** The cap from {@value #CAP_PROPERTY}, else {@link #DEFAULT_CAP}. */
    public static long configuredCap() {
        String value = System.getProperty(CAP_PROPERTY);
        return value == null || value.isBlank() ? DEFAULT_CAP : parseSize(value);
    }

    /** Bytes from {@code 1048576}, {@code 512k}, {@code 256m} or {@code 1g}. */
    public static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int shift = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1).trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size such as 268435456, 512k, 256m or 1g ("
                    + CAP_PROPERTY + ").", e);
        }
    }

    /** Archives every node's data directory into {@code nodesDirectory} and records them in servers.json. */
    public static List<DataArchive> write(List<ZooKeeperNode> nodes, DataDirectories source, Path nodesDirectory,
                                          long cap) throws IOException {
        Files.createDirectories(nodesDirectory);
        List<DataArchive> archives = new ArrayList<>();
        // one copy per node at once: each waits mostly on the Docker engine
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, "data-archive");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DataArchive>> copies = new ArrayList<>();
            for (ZooKeeperNode node : nodes) {
                copies.add(pool.submit(() -> archive(node, source, nodesDirectory, cap)));
            }
            for (Future<DataArchive> copy : copies) {
                archives.add(copy.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while archiving the nodes' data directories", e);
        } catch (ExecutionException e) {
            throw new IOException("archiving a data directory failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        ServersJson.recordData(nodesDirectory.getParent().resolve("servers.json"), archives);
        return archives;
    }

    private static DataArchive archive(ZooKeeperNode node, DataDirectories source, Path nodesDirectory, long cap) {
        String name = node.name() + "-data.tar.gz";
        Path file = nodesDirectory.resolve(name);
        try (InputStream tar = source.open(node)) {
            boolean truncated = CappedTarGz.copy(tar, file, cap);
            return new DataArchive(node.name(), node.id(), "nodes/" + name, truncated, null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the data directory of " + node.name() + " was not archived: " + e);
            return new DataArchive(node.name(), node.id(), null, false, String.valueOf(e.getMessage()));
        }
    }
}
