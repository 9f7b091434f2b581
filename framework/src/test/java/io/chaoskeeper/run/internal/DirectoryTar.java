package io.chaoskeeper.run.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A directory as a tar stream with its entries under {@code data/}, as the Docker API copies a node's dataDir. */
public final class DirectoryTar {

    private DirectoryTar() {
    }

    /** The tar of everything under {@code dir}, named {@code data/<relative path>}. */
    public static InputStream of(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted().toList();
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : paths) {
                String name = "data/" + dir.relativize(p).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(p);
                TarArchiveEntry entry = new TarArchiveEntry(directory && !name.endsWith("/") ? name + "/" : name);
                if (!directory) {
                    entry.setSize(Files.size(p));
                }
                tar.putArchiveEntry(entry);
                if (!directory) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
