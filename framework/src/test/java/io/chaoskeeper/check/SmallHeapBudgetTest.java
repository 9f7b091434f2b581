package io.chaoskeeper.check;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The adversarial history in a forked JVM with a 256 MiB heap: it ends within its budget, never out of memory. */
class SmallHeapBudgetTest {

    @Test
    void anAdversarialHistoryEndsAsUnknownOrAVerdictInA256MiBHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Adversary.class.getName(), "50", "2000", "10")
                .redirectErrorStream(true).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("ended within its budget: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("OutOfMemoryError").containsPattern("^(valid|invalid|unknown): .+");
    }
}
