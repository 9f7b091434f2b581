package io.chaoskeeper.run.internal;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency per {@code f:outcome}, in microseconds: one HdrHistogram {@link Recorder} per tag, whose interval
 * histograms {@link #roll()} appends to a {@code .hlog} (one interval per call, e.g. per second), so a report can
 * plot percentiles over time.
 */
public final class LatencyLog implements Closeable {

    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
    private final PrintStream out;
    private final HistogramLogWriter writer;

    /** Starts the log file with its header; times in it are relative to {@code startMillis} (epoch ms). */
    public LatencyLog(Path file, long startMillis) throws IOException {
        out = new PrintStream(file.toFile(), java.nio.charset.StandardCharsets.UTF_8);
        writer = new HistogramLogWriter(out);
        writer.outputComment("chaoskeeper operation latencies in microseconds, tagged f:outcome");
        writer.outputLogFormatVersion();
        writer.setBaseTime(startMillis);
        writer.outputStartTime(startMillis);
        writer.outputLegend();
    }

    /** Records one operation's latency. */
    public void record(String f, String outcome, long nanos) {
        recorders.computeIfAbsent(f + ":" + outcome, tag -> new Recorder(3))
                .recordValue(Math.max(1, nanos / 1_000));
    }

    /** Writes the interval histogram of every tag that saw operations since the last call. */
    public synchronized void roll() {
        for (Map.Entry<String, Recorder> e : new TreeMap<>(recorders).entrySet()) {
            Histogram interval = e.getValue().getIntervalHistogram();
            if (interval.getTotalCount() > 0) {
                interval.setTag(e.getKey());
                writer.outputIntervalHistogram(interval);
            }
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        roll();
        out.close();
    }
}
