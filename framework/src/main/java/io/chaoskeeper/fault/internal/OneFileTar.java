package io.chaoskeeper.fault.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An archive of one file, for docker-java's {@code copyArchiveToContainerCmd}: how we put a file into a container. */
final class OneFileTar {

    private OneFileTar() {
    }

    /** The archive of {@code content} as {@code path} (relative to where it is unpacked), mode 0644. */
    static byte[] of(String path, byte[] content) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an archive in memory", e);
        }
        return archive.toByteArray();
    }
}
