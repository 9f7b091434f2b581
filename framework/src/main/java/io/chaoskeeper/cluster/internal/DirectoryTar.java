package io.chaoskeeper.cluster.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory on disk as the tar stream {@link io.chaoskeeper.cluster.DataDirectories} promises (entries under
 * {@code data/}), as the Docker engine gives it for a container's directory. The tar is written to a temporary
 * file first, so that a server writing on meanwhile cannot tear the stream; the file goes when the stream closes.
 */
public final class DirectoryTar {

    private DirectoryTar() {
    }

    /** Opens {@code directory} as a tar whose entries are under {@code data/}. */
    public static InputStream open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("there is no data directory at " + directory);
        }
        Path tar = Files.createTempFile("chaoskeeper-data-", ".tar");
        try (OutputStream out = Files.newOutputStream(tar);
             TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path file : files(directory)) {
                add(archive, directory, file);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tar);
            throw new IOException("the data directory " + directory + " could not be archived: " + e.getMessage(), e);
        }
        return new FilterInputStream(Files.newInputStream(tar)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(tar);
                }
            }
        };
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Adds one file; a file the server removed meanwhile (an old log purged) is left out. */
    private static void add(TarArchiveOutputStream archive, Path directory, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        TarArchiveEntry entry = new TarArchiveEntry("data/" + directory.relativize(file).toString().replace('\\', '/'));
        entry.setSize(bytes.length);
        archive.putArchiveEntry(entry);
        archive.write(bytes);
        archive.closeArchiveEntry();
    }
}
