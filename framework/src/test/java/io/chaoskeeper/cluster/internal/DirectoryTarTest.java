package io.chaoskeeper.cluster.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryTarTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryIsATarUnderDataAndTheTemporaryFileGoesOnClose() throws IOException {
        Files.createDirectories(dir.resolve("version-2"));
        Files.writeString(dir.resolve("myid"), "1");
        Files.writeString(dir.resolve("version-2/log.100000001"), "txns");
        long before = temporaryTars();
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = DirectoryTar.open(dir); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            assertThat(temporaryTars()).isEqualTo(before + 1);
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsExactly(Map.entry("data/myid", "1"), Map.entry("data/version-2/log.100000001",
                "txns"));
        assertThat(temporaryTars()).isEqualTo(before);
    }

    @Test
    void aMissingDirectoryIsOneSentence() {
        assertThatThrownBy(() -> DirectoryTar.open(dir.resolve("gone")))
                .isInstanceOf(IOException.class).hasMessage("there is no data directory at " + dir.resolve("gone"));
    }

    private static long temporaryTars() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("chaoskeeper-data-")).count();
        }
    }
}
