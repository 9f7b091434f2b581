package io.chaoskeeper.check.internal.zab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a stream, optionally leaving out its trailing zero bytes. ZooKeeper preallocates each transaction log
 * (64 MiB of zeros by default) and its reader takes the first zero-length record as the end, while every record
 * ends with the byte {@code 'B'}: a log without its zero tail reads the same and unpacks in a fraction of the time.
 */
final class ZeroTail {

    private ZeroTail() {
    }

    /** The log file header (magic, version, database id), kept whole even when its id is zero. */
    private static final int HEADER = 16;

    static void copy(InputStream in, OutputStream out, boolean dropZeroTail) throws IOException {
        byte[] buffer = new byte[64 << 10];
        long zeros = 0;
        long written = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (!dropZeroTail) {
                out.write(buffer, 0, n);
                continue;
            }
            int last = n - 1;
            while (last >= 0 && buffer[last] == 0) {
                last--;
            }
            if (last < 0) {
                zeros += n;
                continue;
            }
            writeZeros(out, zeros);
            out.write(buffer, 0, last + 1);
            written += zeros + last + 1;
            zeros = n - 1 - last;
        }
        writeZeros(out, Math.min(zeros, Math.max(0, HEADER - written)));
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[(int) Math.min(count, 64 << 10)];
        for (long left = count; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }
}
