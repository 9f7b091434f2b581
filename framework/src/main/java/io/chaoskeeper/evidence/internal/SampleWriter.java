package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.evidence.NodeSample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams samples to {@code cluster.jsonl}, one line each, handed to the operating system at once (a run that
 * dies keeps every sample written). Thread-safe. A write error is reported once and ends the file, not the run.
 */
public final class SampleWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SampleWriter.class.getName());

    private final Path file;
    private final Writer out;
    private boolean failed;

    /** Creates (or replaces) the file. */
    public SampleWriter(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Appends one sample. */
    public synchronized void write(NodeSample sample) {
        if (failed) {
            return;
        }
        try {
            out.write(SampleLines.toLine(sample));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failed = true;
            LOG.log(System.Logger.Level.WARNING, "cannot write " + file + ", the cluster timeline ends here: " + e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close " + file + ": " + e);
        }
    }
}
