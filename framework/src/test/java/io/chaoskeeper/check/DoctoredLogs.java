package io.chaoskeeper.check;

import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servers' data directories written with ZooKeeper's own persistence classes ({@link FileTxnSnapLog#append},
 * {@code rollLog}, {@code save}), doctored as a test needs: each transaction is a setData of {@value #PATH} whose
 * data names its zxid, so every server logs the same transaction for a zxid unless a test says otherwise.
 */
final class DoctoredLogs {

    static final String PATH = "/chaoskeeper/r1";

    static {
        // 64 KiB log files instead of ZooKeeper's 64 MiB of preallocated zeros: the archive tests copy them whole
        FileTxnLog.setPreallocSize(64 << 10);
    }

    private final Path root;
    private final Map<String, Path> directories = new LinkedHashMap<>();

    DoctoredLogs(Path root) {
        this.root = root;
    }

    /** A zxid from epoch and counter. */
    static long zxid(long epoch, long counter) {
        return epoch << 32 | counter;
    }

    /** A new server's data directory, with the initial empty snapshot ZooKeeper writes at its first start. */
    Server server(String name) {
        Path dir = root.resolve(name);
        directories.put(name, dir);
        try {
            return new Server(new FileTxnSnapLog(dir.toFile(), dir.toFile())).snapshot(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Server name → data directory, for {@link ZabLogChecker#ofDataDirectories}. */
    Map<String, Path> directories() {
        return directories;
    }

    /** One server's logs and snapshots being written; close it to flush. */
    static final class Server implements AutoCloseable {
        private final FileTxnSnapLog log;

        private Server(FileTxnSnapLog log) {
            this.log = log;
        }

        /** Logs counters {@code from..to} of an epoch, the same transactions every server logs. */
        Server txns(long epoch, long from, long to) {
            for (long c = from; c <= to; c++) {
                txn(zxid(epoch, c), "v" + Long.toHexString(zxid(epoch, c)));
            }
            return this;
        }

        /** Logs one setData of {@value #PATH} with this data at this zxid. */
        Server txn(long zxid, String data) {
            TxnHeader header = new TxnHeader(0x1234L, (int) zxid, zxid, 1_700_000_000_000L + zxid, OpCode.setData);
            SetDataTxn txn = new SetDataTxn(PATH, data.getBytes(StandardCharsets.UTF_8), (int) zxid);
            try {
                log.append(new Request(header, txn, null));
                log.commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes a snapshot named by this zxid (a new log file follows, as after ZooKeeper's own snapshots). */
        Server snapshot(long zxid) {
            return roll().snapshotWithoutRoll(zxid);
        }

        /** Writes a snapshot and keeps appending to the same log file, as a follower does after a SNAP sync. */
        Server snapshotWithoutRoll(long zxid) {
            DataTree tree = new DataTree();
            tree.lastProcessedZxid = zxid;
            try {
                log.save(tree, new ConcurrentHashMap<>(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Cuts the log after this zxid with ZooKeeper's own truncation, as a TRUNC sync does. */
        Server truncate(long zxid) {
            if (!log.truncateLog(zxid)) {
                throw new IllegalStateException("ZooKeeper did not truncate the log to 0x" + Long.toHexString(zxid));
            }
            return this;
        }

        /** Starts a new log file, as a restart does. */
        Server roll() {
            try {
                log.rollLog();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }
}
