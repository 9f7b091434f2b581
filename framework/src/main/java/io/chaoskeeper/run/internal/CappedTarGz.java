package io.chaoskeeper.run.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Re-packs a tar stream into a gzip-compressed tar file of at most about {@code cap} bytes. When the cap is reached
 * inside a file, the rest of that file is written as zeros (a ZooKeeper transaction log then simply ends there, as
 * its preallocated tail does) and no further entry follows, so the archive stays well-formed.
 */
final class CappedTarGz {

    private static final int CHUNK = 64 << 10;

    private CappedTarGz() {
    }

    /**
     * Copies {@code source} into {@code file}.
     *
     * @return true when the cap cut the archive short
     */
    static boolean copy(InputStream source, Path file, long cap) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             TarArchiveOutputStream out = new TarArchiveOutputStream(fastGzip(Channels.newOutputStream(channel)));
             TarArchiveInputStream in = new TarArchiveInputStream(source)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] buffer = new byte[CHUNK];
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isFile() && !entry.isDirectory()) {
                    continue;
                }
                if (channel.position() >= cap) {
                    return true;
                }
                if (copyEntry(entry, in, out, buffer, channel, cap)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Gzip at its fastest level: logs are mostly zeros and repeated headers, which even that packs well. */
    private static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, CHUNK) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** Copies one entry; true when the cap was reached inside it (its rest is then zeros). */
    private static boolean copyEntry(TarArchiveEntry entry, InputStream in, TarArchiveOutputStream out, byte[] buffer,
                                     FileChannel channel, long cap) throws IOException {
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
        copy.setMode(entry.getMode());
        copy.setModTime(entry.getModTime());
        long left = entry.isDirectory() ? 0 : entry.getSize();
        copy.setSize(left);
        out.putArchiveEntry(copy);
        boolean cut = false;
        while (left > 0) {
            int want = (int) Math.min(buffer.length, left);
            int n = cut ? want : in.read(buffer, 0, want);
            if (n < 0) {
                throw new EOFException("the archive of the data directory ended inside " + entry.getName());
            }
            out.write(buffer, 0, n);
            left -= n;
            if (!cut && channel.position() >= cap) {
                cut = true;
                Arrays.fill(buffer, (byte) 0);
            }
        }
        out.closeArchiveEntry();
        return cut;
    }
}
