package io.chaoskeeper.check.internal.zab;

import org.apache.jute.BinaryInputArchive;
import org.apache.zookeeper.server.TxnLogEntry;
import org.apache.zookeeper.server.persistence.FileHeader;
import org.apache.zookeeper.server.persistence.FileSnap;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.Util;
import org.apache.zookeeper.server.util.SerializeUtils;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.Adler32;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * One server's transaction logs and snapshots, read with ZooKeeper's own persistence classes: every record of
 * every log file, the zxid of the snapshot the server would restore from, and the transactions it would replay
 * on top of it ({@link FileTxnLog.FileTxnIterator} from the snapshot's zxid + 1, as a restart does).
 *
 * @param server    the server's name
 * @param all       every readable record, file by file in zxid order, including those a later sync made dead
 * @param base      the zxid of the most recent valid snapshot (0 when there is none)
 * @param effective the records replayed on top of that snapshot, in log order
 * @param snapshots the zxids of every snapshot file, valid or not (a SNAP sync leaves one where its log resumes)
 * @param problem   why some of the log could not be read, or null
 */
public record ServerLog(String server, List<LoggedTxn> all, long base, List<LoggedTxn> effective,
                        Set<Long> snapshots, String problem) {

    /** Reads the data directory {@code dataDir} (the one holding {@code version-2}). */
    public static ServerLog read(String server, Path dataDir) {
        File version2 = dataDir.resolve("version-2").toFile();
        List<String> problems = new ArrayList<>();
        List<LoggedTxn> all = new ArrayList<>();
        File[] files = version2.listFiles();
        for (File log : Util.sortDataDir(FileTxnLog.getLogFiles(files == null ? new File[0] : files, 0), "log", true)) {
            readFile(server, log, all, problems);
        }
        File snapshot = new FileSnap(version2).findMostRecentSnapshot();
        long base = snapshot == null ? 0 : Util.getZxidFromName(snapshot.getName(), "snapshot");
        Map<Long, String> fileOf = new HashMap<>();
        all.forEach(t -> fileOf.put(t.zxid(), t.file()));
        List<LoggedTxn> effective = new ArrayList<>();
        try (FileTxnLog.FileTxnIterator it = new FileTxnLog.FileTxnIterator(version2, base + 1, true)) {
            while (it.getHeader() != null) {
                long zxid = it.getHeader().getZxid();
                effective.add(new LoggedTxn(server, fileOf.get(zxid), it.getHeader(), it.getTxn()));
                if (!it.next()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("replaying the log after snapshot " + hex(base) + " stopped: " + e.getMessage());
        }
        return new ServerLog(server, List.copyOf(all), base, List.copyOf(effective), snapshotZxids(files),
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** The zxids the snapshot files are named by, e.g. 0x700000318 for {@code snapshot.700000318}. */
    private static Set<Long> snapshotZxids(File[] files) {
        Set<Long> zxids = new TreeSet<>();
        for (File f : files == null ? new File[0] : files) {
            long zxid = Util.getZxidFromName(f.getName(), "snapshot");
            if (zxid >= 0) {
                zxids.add(zxid);
            }
        }
        return Collections.unmodifiableSet(zxids);
    }

    /** The last zxid replayed on top of the snapshot, or the snapshot's when nothing is. */
    public long lastZxid() {
        return effective.isEmpty() ? base : effective.get(effective.size() - 1).zxid();
    }

    /** Every record of one log file, as ZooKeeper's reader takes them: up to the first empty or partial one. */
    private static void readFile(String server, File log, List<LoggedTxn> into, List<String> problems) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(log.toPath()))) {
            BinaryInputArchive archive = BinaryInputArchive.getArchive(in);
            FileHeader header = new FileHeader();
            header.deserialize(archive, "fileheader");
            if (header.getMagic() != FileTxnLog.TXNLOG_MAGIC) {
                problems.add(log.getName() + " is not a transaction log");
                return;
            }
            while (true) {
                long crc = archive.readLong("crcvalue");
                byte[] bytes = Util.readTxnBytes(archive);
                if (bytes == null || bytes.length == 0) {
                    return;
                }
                Adler32 check = new Adler32();
                check.update(bytes, 0, bytes.length);
                if (check.getValue() != crc) {
                    problems.add(log.getName() + " has a record with a bad checksum after "
                            + (into.isEmpty() ? "its header" : hex(into.get(into.size() - 1).zxid())));
                    return;
                }
                TxnLogEntry entry = SerializeUtils.deserializeTxn(bytes);
                into.add(new LoggedTxn(server, log.getName(), entry.getHeader(), entry.getTxn()));
            }
        } catch (EOFException end) {
            // the file ends without its preallocated zeros: as ZooKeeper's reader, take what came before
        } catch (IOException | RuntimeException e) {
            problems.add(log.getName() + " could not be read: " + e.getMessage());
        }
    }
}
