package io.chaoskeeper.cluster.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spare's rehearsal runs a real quorum of two and leaves nothing behind: files, settings and streams as before. */
class SpareRehearsalTest {

    @Test
    void leadsThenLeavesNoDirectoryNoSettingAndTheStreamsAsTheyWere(@TempDir Path home) {
        Properties before = (Properties) System.getProperties().clone();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Path scratch = home.resolve("rehearsal");

        assertThat(SpareRehearsal.run(scratch)).as("the quorum served").isTrue();

        assertThat(scratch).doesNotExist();
        assertThat(System.getProperties()).isEqualTo(before);
        assertThat(QuorumPeerConfig.isStandaloneEnabled()).isTrue();
        assertThat(QuorumPeerConfig.isReconfigEnabled()).isFalse();
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(RehearsalPeer.THREAD));
    }

    @Test
    void aDirectoryThatCannotBeMadeIsNoRehearsalAndNoError(@TempDir Path home) throws Exception {
        Path file = java.nio.file.Files.writeString(home.resolve("taken"), "a file, not a directory");

        assertThat(SpareRehearsal.run(file.resolve("rehearsal"))).isFalse();
        assertThat(file).hasContent("a file, not a directory");
    }
}
