package io.chaoskeeper.history;

import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.history.internal.StreamingRecorder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records a run's events as they happen, from many threads, and streams them to a JSON Lines history file.
 *
 * <p>The recorder stamps every event with its index and its time (nanoseconds since the recorder started) in one
 * step, so indexes and times grow together. A writer thread drains the events to the file and hands them to the
 * operating system at least every {@link #DEFAULT_FLUSH_INTERVAL}: if the JVM is killed (even with SIGKILL) the
 * file holds everything recorded up to that interval before the kill, and a torn last line at most, which
 * {@link JsonLines#read(Path)} skips. Events are not kept in memory; {@link #history()} reads the file back.
 *
 * <pre>{@code
 * try (HistoryRecorder recorder = HistoryRecorder.toFile(dir.resolve("history.jsonl"))) {
 *     Operation invoke = recorder.record(Operation.of(0, INVOKE, 0, "read", null, 0));
 *     ...
 * }
 * }</pre>
 */
public interface HistoryRecorder extends AutoCloseable {

    /** How often, at most, recorded events reach the operating system. */
    Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(10);

    /** A recorder streaming to this file (created or replaced), flushing every {@link #DEFAULT_FLUSH_INTERVAL}. */
    static HistoryRecorder toFile(Path file) throws IOException {
        return new StreamingRecorder(file, DEFAULT_FLUSH_INTERVAL);
    }

    /**
     * Records an event now: the draft's fields are kept, its index and time are replaced by the next index and
     * the current time.
     *
     * @return the event as recorded
     * @throws IllegalStateException after {@link #close()} or once writing the file failed
     */
    Operation record(Operation draft);

    /** Records a fault event (process nemesis, type info) now. */
    default Operation record(FaultEvent event) {
        return record(event.toOperation(0, 0));
    }

    /** {@link System#nanoTime()} when the recorder started: time zero of the history. */
    long startNanos();

    /** How many events were recorded. */
    long size();

    /**
     * Blocks until every event recorded before the call is in the file.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    void flush();

    /** Everything recorded so far, read back from the file. */
    History history();

    /** The history file. */
    Path file();

    /** Writes what is left and closes the file. Idempotent. */
    @Override
    void close();
}
