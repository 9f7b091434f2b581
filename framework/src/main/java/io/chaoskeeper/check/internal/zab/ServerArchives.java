package io.chaoskeeper.check.internal.zab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The servers' data directories of a run directory ({@code nodes/<node>-data.tar.gz}), unpacked into a temporary
 * directory (removed on close) and read. An archive the size cap cut short ({@code dataTruncated} in
 * {@code servers.json}) or one that cannot be read is skipped, with the reason.
 */
public final class ServerArchives implements AutoCloseable {

    private static final String SUFFIX = "-data.tar.gz";

    private final Path temporary;
    private final List<ServerLog> servers = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private ServerArchives(Path temporary) {
        this.temporary = temporary;
    }

    /** Unpacks and reads every archive under {@code runDirectory/nodes}. */
    public static ServerArchives open(Path runDirectory) throws IOException {
        ServerArchives archives = new ServerArchives(Files.createTempDirectory("chaoskeeper-zab-"));
        Path nodes = runDirectory.resolve("nodes");
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(nodes) ? Files.list(nodes) : Stream.empty()) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        JsonNode servers = readServers(runDirectory.resolve("servers.json"));
        for (Path file : files) {
            String node = file.getFileName().toString().replace(SUFFIX, "");
            if (truncated(servers, node)) {
                archives.skipped.add(node + " (its archive was cut by the size cap)");
                continue;
            }
            try {
                Path dir = archives.temporary.resolve(node);
                unpack(file, dir);
                archives.servers.add(ServerLog.read(node, dir));
            } catch (IOException | RuntimeException e) {
                archives.skipped.add(node + " (" + file.getFileName() + " could not be read: " + e.getMessage() + ")");
            }
        }
        return archives;
    }

    /** The servers read. */
    public List<ServerLog> servers() {
        return servers;
    }

    /** The servers left out, each with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    private static JsonNode readServers(Path file) throws IOException {
        return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    }

    private static boolean truncated(JsonNode servers, String node) {
        if (servers == null) {
            return false;
        }
        for (JsonNode n : servers.path("nodes")) {
            if (node.equals(n.path("node").asText()) && n.path("dataTruncated").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** Unpacks the entries under {@code data/} into {@code dir}; a log file's preallocated zero tail is left out. */
    static void unpack(Path archive, Path dir) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().startsWith("data/") ? e.getName().substring(5) : null;
                if (name == null || name.isEmpty() || !e.isFile()) {
                    continue;
                }
                Path target = dir.resolve(name).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("the archive entry " + e.getName() + " points outside its directory");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    boolean log = target.getFileName().toString().startsWith("log.");
                    ZeroTail.copy(tar, out, log);
                }
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(temporary)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temporary, e);
        }
    }
}
