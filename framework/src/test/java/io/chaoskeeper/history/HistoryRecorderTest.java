package io.chaoskeeper.history;

import io.chaoskeeper.fault.FaultEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryRecorderTest {

    @TempDir
    Path dir;

    @Test
    void concurrentRecordsGetDenseIndexesAndMonotonicTimes() throws Exception {
        Path file = dir.resolve("h.jsonl");
        int threads = 4;
        int perThread = 20_000;
        try (HistoryRecorder recorder = HistoryRecorder.toFile(file)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long process = t;
                Thread worker = new Thread(() -> {
                    for (long i = 0; i < perThread; i++) {
                        recorder.record(Operation.of(-1, Operation.Type.INVOKE, process, "write", i, -1));
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread w : workers) {
                w.join();
            }
            assertThat(recorder.size()).isEqualTo((long) threads * perThread);
        }
        List<Operation> ops = JsonLines.read(file).operations();
        assertThat(ops).hasSize(threads * perThread);
        long[] nextValue = new long[threads];
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            assertThat(op.index()).isEqualTo(i);
            if (i > 0) {
                assertThat(op.time()).isGreaterThanOrEqualTo(ops.get(i - 1).time());
            }
            // each thread's events appear in the order it recorded them, none lost or duplicated
            assertThat(op.value()).isEqualTo(nextValue[(int) op.process()]++);
        }
    }

    @Test
    void flushMakesEverythingRecordedVisibleInTheFile() throws Exception {
        Path file = dir.resolve("h.jsonl");
        try (HistoryRecorder recorder = HistoryRecorder.toFile(file)) {
            recorder.record(Operation.of(0, Operation.Type.INVOKE, 3, "read", null, 0));
            recorder.record(new FaultEvent(System.nanoTime(), true, 1, "pause", List.of("zk1"), Map.of(), null));
            recorder.flush();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            assertThat(recorder.history().faultEvents()).singleElement()
                    .satisfies(op -> assertThat(op.f()).isEqualTo(FaultEvent.START));
        }
    }

    @Test
    void recordingAfterCloseIsRefusedButTheHistoryStaysReadable() throws Exception {
        HistoryRecorder recorder = HistoryRecorder.toFile(dir.resolve("h.jsonl"));
        recorder.record(Operation.of(0, Operation.Type.INVOKE, 0, "read", null, 0));
        recorder.close();
        recorder.close();
        assertThatThrownBy(() -> recorder.record(Operation.of(0, Operation.Type.OK, 0, "read", 1L, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessage("the history recorder is closed");
        assertThat(recorder.history().size()).isEqualTo(1);
    }

    @Test
    void unwritableFileIsOneSentence() {
        Path missingDir = dir.resolve("no/such/dir/h.jsonl");
        assertThatThrownBy(() -> HistoryRecorder.toFile(missingDir)).isInstanceOf(java.io.IOException.class);
    }
}
