package io.chaoskeeper.cli;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logs} on run directories whose archives hold logs written with ZooKeeper's own {@link FileTxnLog}. */
class LogsCommandTest {

    @TempDir
    Path dir;

    /** Archives a log of setData transactions 0x100000001..n as nodes/{server}-data.tar.gz; one may differ. */
    private void archive(Path run, String server, int n, int divergentAt) throws IOException {
        Path version2 = dir.resolve("data-" + server).resolve("version-2");
        Files.createDirectories(version2);
        FileTxnLog.setPreallocSize(4096);
        FileTxnLog log = new FileTxnLog(version2.toFile());
        for (int c = 1; c <= n; c++) {
            long zxid = 1L << 32 | c;
            String data = c == divergentAt ? "other" : "v" + c;
            log.append(new Request(new TxnHeader(7, c, zxid, 1000 + c, OpCode.setData),
                    new SetDataTxn("/r", data.getBytes(StandardCharsets.UTF_8), c), null));
        }
        log.close();
        Files.createDirectories(run.resolve("nodes"));
        try (OutputStream file = Files.newOutputStream(run.resolve("nodes/" + server + "-data.tar.gz"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            Path logFile = version2.resolve("log.100000001");
            TarArchiveEntry entry = new TarArchiveEntry("data/version-2/log.100000001");
            entry.setSize(Files.size(logFile));
            tar.putArchiveEntry(entry);
            Files.copy(logFile, tar);
            tar.closeArchiveEntry();
        }
    }

    @Test
    void agreeingLogsAreValid() throws IOException {
        Path run = dir.resolve("run");
        archive(run, "zk1", 5, 0);
        archive(run, "zk2", 4, 0);

        CliRun r = CliRun.of("logs", run.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith(run + ": valid (2 servers' logs (9 records, 4 zxids on several servers)");
    }

    @Test
    void aDivergentTransactionIsInvalid() throws IOException {
        Path run = dir.resolve("run");
        archive(run, "zk1", 5, 0);
        archive(run, "zk2", 5, 3);

        CliRun r = CliRun.of("logs", run.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("zab-divergent-txn: zxid 0x100000003 carries two different transactions on "
                + "zk1 and zk2");
    }

    @Test
    void aRunWithoutArchivesIsUnknownAndAMissingDirectoryIsBadUsage() {
        CliRun empty = CliRun.of("logs", dir.toString());
        CliRun missing = CliRun.of("logs", dir.resolve("nope").toString());

        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.out()).contains("unknown (no server's data directory was archived)");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo("chaoskeeper logs: " + dir.resolve("nope") + " is not a run directory");
    }
}
