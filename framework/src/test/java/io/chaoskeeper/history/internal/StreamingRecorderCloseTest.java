package io.chaoskeeper.history.internal;

import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingRecorderCloseTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedCloseStillWaitsForTheWriterSoNothingRecordedIsLost() throws IOException {
        Path file = dir.resolve("history.jsonl");
        StreamingRecorder recorder = new StreamingRecorder(file, Duration.ofSeconds(1)); // a backlog at close
        int count = 150_000;
        for (int i = 0; i < count; i++) {
            recorder.record(Operation.of(-1, Operation.Type.INVOKE, i % 8, "write", i, -1));
        }

        Thread.currentThread().interrupt();
        recorder.close();

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        try (var lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(count);
        }
    }
}
