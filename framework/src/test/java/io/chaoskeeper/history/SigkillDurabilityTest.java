package io.chaoskeeper.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorder in a JVM killed with SIGKILL leaves everything recorded up to 100 ms before the kill. */
class SigkillDurabilityTest {

    @Test
    void historySurvivesSigkill(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        long killedAt;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("recording");
            Thread.sleep(700);
            killedAt = System.currentTimeMillis();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final flush
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);

        List<String> warnings = new ArrayList<>();
        List<Operation> ops = JsonLines.read(file, warnings::add).operations();
        assertThat(warnings).hasSizeLessThanOrEqualTo(1);
        assertThat(ops).hasSizeGreaterThan(1000);
        for (int i = 0; i < ops.size(); i++) {
            assertThat(ops.get(i).index()).as("indexes are dense from 0: nothing before the last line is lost")
                    .isEqualTo(i);
        }
        long lastWall = (Long) ops.get(ops.size() - 1).extra().get("wall");
        assertThat(killedAt - lastWall).as("ms between the last durable event and the kill").isLessThan(100);
    }
}
