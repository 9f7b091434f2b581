package io.chaoskeeper.run;

import io.chaoskeeper.StandaloneServer;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.Nemesis;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's cleanup, against a standalone ZooKeeper server in this JVM: whatever fails, the run's files are written. */
class RunCleanupTest {

    @TempDir
    Path dir;
    private StandaloneServer server;
    private ZooKeeperNode node;

    @BeforeEach
    void startServer() throws Exception {
        server = new StandaloneServer(dir.resolve("zk"));
        node = server.node();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aNemesisThatFailsToCloseStillLeavesTheHistoryClosedAndTheRunFilesWritten() throws Exception {
        FaultSchedule breaksOnClose = (nodes, seed, events) -> new Nemesis() {
            @Override
            public void healAll() {
            }

            @Override
            public int activeFaults() {
                return 0;
            }

            @Override
            public void close() {
                throw new IllegalStateException("the engine went away");
            }
        };
        Path out = dir.resolve("run");
        Run run = Run.builder().nodes(List.of(node)).workload(Workloads.register()).outputDirectory(out)
                .duration(Duration.ofMillis(700)).quietPeriod(Duration.ZERO).faults(breaksOnClose, "breaks").seed(3)
                .build();

        assertThatThrownBy(run::execute).isInstanceOf(IllegalStateException.class)
                .hasMessage("run register failed while healing the faults: the engine went away");

        assertThat(Files.readAllLines(out.resolve("history.jsonl"))).isNotEmpty();
        assertThat(out.resolve("faults.jsonl")).exists();
        assertThat(out.resolve("history.edn")).exists();
        assertThat(Files.readString(out.resolve("run.json")))
                .contains("\"error\" : \"run register failed while healing the faults: the engine went away\"");
        assertThat(writerThreads()).as("the history writer ended").isZero();
    }

    @Test
    void aLatencyLogThatCannotBeOpenedClosesTheHistoryAndSaysSoInOneSentence() throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out.resolve("latency.hlog")); // a directory where the file should go

        Run run = Run.builder().nodes(List.of(node)).workload(Workloads.register()).outputDirectory(out).build();

        assertThatThrownBy(run::execute).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot write the run's files in " + out);
        assertThat(writerThreads()).as("the history writer ended").isZero();
    }

    private static long writerThreads() throws InterruptedException {
        Thread.sleep(50); // a writer ends right after close returns
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("history-writer")).count();
    }
}
