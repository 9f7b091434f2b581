package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered jar list is used only while every jar it names still exists. */
class ServerJarsTest {

    @TempDir
    Path dir;

    @Test
    void aListWhoseJarsAllExistIsUsed() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Path list = Files.write(dir.resolve("zookeeper-3.9.4.jars"), List.of(a.toString(), b.toString(), ""));
        assertThat(ServerJars.readRemembered(list)).containsExactly(a, b);
    }

    @Test
    void aListNamingAJarThatIsGoneIsIgnoredSoTheVersionResolvesAgain() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path list = Files.write(dir.resolve("zookeeper-3.9.4.jars"),
                List.of(a.toString(), dir.resolve("deleted.jar").toString()));
        assertThat(ServerJars.readRemembered(list)).isEmpty();
    }

    @Test
    void noListOrAnEmptyOneMeansResolve() throws Exception {
        assertThat(ServerJars.readRemembered(dir.resolve("absent.jars"))).isEmpty();
        assertThat(ServerJars.readRemembered(Files.createFile(dir.resolve("empty.jars")))).isEmpty();
    }
}
