package io.chaoskeeper.run.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.check.ZabLogChecker;
import io.chaoskeeper.cluster.DataDirectories;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.History;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Data-directory archives: a faithful copy, the size cap, a node that cannot be read, servers.json. */
class DataArchivesTest {

    @TempDir
    Path dir;

    private static ZooKeeperNode node(int id) {
        return new ZooKeeperNode(id, "zk" + id, "container" + id, "10.0.0." + id,
                InetSocketAddress.createUnresolved("127.0.0.1", 2180 + id));
    }

    private Path dataDir(String name, int randomBytes) throws IOException {
        Path data = dir.resolve("source").resolve(name);
        Files.createDirectories(data.resolve("version-2"));
        Files.writeString(data.resolve("myid"), name.substring(2));
        byte[] random = new byte[randomBytes];
        new Random(7).nextBytes(random);
        Files.write(data.resolve("version-2/log.100000001"), random);
        Files.write(data.resolve("version-2/snapshot.100000009"), new byte[] {1, 2, 3});
        return data;
    }

    private static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    private JsonNode servers(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("servers.json").toFile());
    }

    @Test
    void copiesEachNodesDataDirectoryUnderData() throws IOException {
        Path zk1 = dataDir("zk1", 1000);
        Path run = dir.resolve("run");
        List<DataArchive> archives = DataArchives.write(List.of(node(1)), n -> DirectoryTar.of(zk1),
                run.resolve("nodes"), 1 << 20);

        assertThat(archives).containsExactly(new DataArchive("zk1", 1, "nodes/zk1-data.tar.gz", false, null));
        Map<String, byte[]> entries = entries(run.resolve("nodes/zk1-data.tar.gz"));
        assertThat(entries).containsKeys("data/myid", "data/version-2/", "data/version-2/snapshot.100000009");
        assertThat(entries.get("data/version-2/log.100000001"))
                .isEqualTo(Files.readAllBytes(zk1.resolve("version-2/log.100000001")));
        assertThat(servers(run).at("/nodes/0/data").asText()).isEqualTo("nodes/zk1-data.tar.gz");
        assertThat(servers(run).at("/nodes/0/dataTruncated").asBoolean(true)).isFalse();
    }

    @Test
    void theCapCutsTheArchiveCleanlyAndSaysSo() throws IOException {
        Path zk1 = dataDir("zk1", 1 << 20);
        Path run = dir.resolve("run");
        List<DataArchive> archives = DataArchives.write(List.of(node(1)), n -> DirectoryTar.of(zk1),
                run.resolve("nodes"), 200 << 10);

        assertThat(archives.get(0).truncated()).isTrue();
        Path archive = run.resolve("nodes/zk1-data.tar.gz");
        assertThat(Files.size(archive)).isLessThan(400 << 10);
        Map<String, byte[]> entries = entries(archive);
        byte[] log = entries.get("data/version-2/log.100000001");
        assertThat(log).hasSize(1 << 20);
        assertThat(log[log.length - 1]).isZero();
        assertThat(entries).doesNotContainKey("data/version-2/snapshot.100000009");
        assertThat(servers(run).at("/nodes/0/dataTruncated").asBoolean()).isTrue();

        CheckResult check = ZabLogChecker.ofRunDirectory(run).check(History.of(List.of()));
        assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(check.summary()).contains("zk1 (its archive was cut by the size cap)");
    }

    @Test
    void aNodeThatCannotBeReadIsRecordedAndTheOthersAreStillArchived() throws IOException {
        Path zk2 = dataDir("zk2", 10);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("servers.json"), "{\"nodes\":[{\"node\":\"zk1\",\"id\":1,\"state\":\"down\"}]}");
        DataDirectories source = n -> {
            if (n.id() == 1) {
                throw new IOException("Docker could not copy /data out of zk1: no such container");
            }
            return DirectoryTar.of(zk2);
        };
        List<DataArchive> archives = DataArchives.write(List.of(node(1), node(2)), source, run.resolve("nodes"), 1 << 20);

        assertThat(archives.get(0).file()).isNull();
        assertThat(archives.get(1).file()).isEqualTo("nodes/zk2-data.tar.gz");
        JsonNode servers = servers(run);
        assertThat(servers.at("/nodes/0/state").asText()).isEqualTo("down");
        assertThat(servers.at("/nodes/0/dataError").asText()).contains("no such container");
        assertThat(servers.at("/nodes/1/data").asText()).isEqualTo("nodes/zk2-data.tar.gz");
    }

    @Test
    void sizesReadAsBytesOrWithASuffix() {
        assertThat(DataArchives.parseSize("1048576")).isEqualTo(1 << 20);
        assertThat(DataArchives.parseSize("512k")).isEqualTo(512 << 10);
        assertThat(DataArchives.parseSize(" 256M ")).isEqualTo(256L << 20);
        assertThat(DataArchives.parseSize("1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> DataArchives.parseSize("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'lots' is not a size such as 268435456, 512k, 256m or 1g (chaoskeeper.evidence.dataCap).");
    }
}
