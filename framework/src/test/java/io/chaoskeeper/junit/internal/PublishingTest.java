package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishingTest {

    @Test
    void copiesARunDirectoryWithItsSubdirectories(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run/nodes"));
        Files.writeString(run.resolveSibling("history.jsonl"), "{}\n");
        Files.writeString(run.resolve("zk1.log"), "started\n");
        Path target = tmp.resolve("published");

        Publishing.copyTree(tmp.resolve("run"), target);

        assertThat(target.resolve("history.jsonl")).hasContent("{}");
        assertThat(target.resolve("nodes/zk1.log")).hasContent("started");
    }

    @Test
    void publishDirectoryIsOnlyUsedWhereJUnitHasIt() {
        // the framework's own tests run on JUnit 5.10, which predates ExtensionContext.publishDirectory (5.12)
        assertThat(Publishing.publishDirectoryMethod()).isNull();
    }
}
