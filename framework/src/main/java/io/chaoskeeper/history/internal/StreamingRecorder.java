package io.chaoskeeper.history.internal;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryRecorder;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A double buffer: producers append to {@code pending} inside a critical section of a few dozen nanoseconds (the
 * only way to give an event its index and its time atomically, so that both grow together); the writer thread
 * swaps the buffer out and serialises it outside the lock.
 */
public final class StreamingRecorder implements HistoryRecorder {

    /** Producers wait (outside the lock) when the writer falls this far behind, which bounds memory. */
    private static final int MAX_PENDING = 1 << 16;

    private final Path file;
    private final long startNanos = System.nanoTime();
    private final long flushIntervalNanos;
    private final Object lock = new Object();
    private final Thread writer;
    private final JsonLines.LineWriter out;

    private List<Operation> pending = new ArrayList<>();
    private long nextIndex;
    private long lastTime;
    private boolean closed;
    private volatile long written;
    private volatile IOException failure;

    /** Creates (or replaces) the file and starts the writer thread. */
    public StreamingRecorder(Path file, Duration flushInterval) throws IOException {
        this.file = file;
        this.flushIntervalNanos = flushInterval.toNanos();
        this.out = new JsonLines.LineWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        this.writer = new Thread(this::drainLoop, "history-writer " + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public Operation record(Operation draft) {
        Operation op;
        int backlog;
        synchronized (lock) {
            if (closed || failure != null) {
                throw new IllegalStateException(closed ? "the history recorder is closed"
                        : "the history file " + file + " cannot be written (" + failure.getMessage() + ")");
            }
            lastTime = Math.max(lastTime, System.nanoTime() - startNanos);
            op = new Operation(nextIndex++, draft.type(), draft.process(), draft.f(), draft.value(), lastTime,
                    draft.key(), draft.node(), draft.error(), draft.zxid(), draft.extra());
            pending.add(op);
            backlog = pending.size();
        }
        if (backlog >= MAX_PENDING) {
            LockSupport.unpark(writer);
            while (op.index() - written >= MAX_PENDING && failure == null && writer.isAlive()) {
                LockSupport.parkNanos(20_000); // sleep, not spin: the writer needs the CPU to catch up
            }
        }
        return op;
    }

    private void drainLoop() {
        List<Operation> spare = new ArrayList<>();
        boolean last = false;
        int lastBatch = 0;
        while (!last) {
            if (lastBatch < MAX_PENDING / 4) { // behind: drain again at once
                LockSupport.parkNanos(this, flushIntervalNanos);
            }
            List<Operation> batch;
            synchronized (lock) {
                last = closed;
                batch = pending;
                pending = spare;
            }
            try {
                for (Operation op : batch) {
                    out.write(op);
                }
                out.flush();
                written += batch.size();
                lastBatch = batch.size();
            } catch (IOException e) {
                failure = e;
                return;
            }
            batch.clear();
            spare = batch;
        }
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long size() {
        synchronized (lock) {
            return nextIndex;
        }
    }

    @Override
    public void flush() {
        long target = size();
        while (written < target) {
            if (failure != null) {
                throw new UncheckedIOException("the history file " + file + " cannot be written", failure);
            }
            if (!writer.isAlive()) {
                throw new IllegalStateException("the history recorder is closed");
            }
            LockSupport.unpark(writer);
            LockSupport.parkNanos(200_000);
        }
    }

    @Override
    public History history() {
        flush();
        return JsonLines.read(file);
    }

    @Override
    public Path file() {
        return file;
    }

    /**
     * Waits for the writer to drain and end, even when interrupted (the interrupt is kept for the caller): closing
     * the file under a writer still draining would lose the tail of the history.
     */
    private void joinWriter() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LockSupport.unpark(writer);
        joinWriter();
        try {
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw new UncheckedIOException("the history file " + file + " cannot be written", failure);
        }
    }
}
