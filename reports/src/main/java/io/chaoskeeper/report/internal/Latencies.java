package io.chaoskeeper.report.internal;

import io.chaoskeeper.history.Call;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latency percentiles over time per {@code f:outcome} tag, their whole-run table, and throughput. Percentiles come
 * from the run's HdrHistogram interval log when there is one, else from the history's invoke and completion times
 * bucketed by second (imported histories have no log).
 */
final class Latencies {

    /** The run engine records latencies in nanoseconds, like the history's times. */
    private static final double NANOS_PER_MS = 1_000_000.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] NAMES = {"p50", "p90", "p99", "p999"};

    private final Map<String, TreeMap<Double, Histogram>> series = new TreeMap<>();

    private Latencies() {
    }

    /** Latencies from the interval log; {@code startedAtMs} (or null) aligns it with the history's time 0. */
    static Map<String, Object> fromLog(Path log, Long startedAtMs) throws FileNotFoundException {
        Latencies l = new Latencies();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        List<Histogram> intervals = new ArrayList<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            if (next instanceof Histogram h) {
                intervals.add(h);
            }
        }
        if (intervals.isEmpty()) {
            return null;
        }
        long first = intervals.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0);
        long base = 0;
        if (startedAtMs != null && first >= startedAtMs - 60_000) {
            base = startedAtMs;
        } else if (reader.getStartTimeSec() > 0 && first >= (long) (reader.getStartTimeSec() * 1000)) {
            base = (long) (reader.getStartTimeSec() * 1000);
        }
        for (Histogram h : intervals) {
            String tag = h.getTag() == null ? "all" : h.getTag();
            l.series.computeIfAbsent(tag, k -> new TreeMap<>())
                    .merge((h.getStartTimeStamp() - base) / 1000.0, h, Latencies::sum);
        }
        return l.toModel("latency.hlog");
    }

    /** Latencies from completed calls, bucketed by the second they completed in. */
    static Map<String, Object> fromCalls(List<Call> calls) {
        Latencies l = new Latencies();
        for (Call c : calls) {
            if (c.completion() == null) {
                continue;
            }
            long latency = Math.max(0, c.completion().time() - c.invoke().time());
            double second = Math.floorDiv(c.completion().time(), NANOS_PER_SECOND);
            l.series.computeIfAbsent(c.invoke().f() + ":" + c.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    k -> new TreeMap<>()).computeIfAbsent(second, k -> new Histogram(3)).recordValue(latency);
        }
        return l.series.isEmpty() ? null : l.toModel("history");
    }

    /**
     * Completions per second by outcome, from the history, from the second of the first invocation (imported
     * histories may start far from 0) to the end.
     */
    static Map<String, Object> throughput(List<Call> calls, long endNanos) {
        long from = calls.stream().mapToLong(c -> c.invoke().time()).min().orElse(0) / NANOS_PER_SECOND;
        int seconds = (int) Math.max(1, Math.min(1_000_000, endNanos / NANOS_PER_SECOND - from + 1));
        long[][] counts = new long[3][seconds];
        for (Call c : calls) {
            if (c.completion() != null) {
                int s = (int) Math.min(seconds - 1, Math.max(0, c.completion().time() / NANOS_PER_SECOND - from));
                counts[switch (c.outcome()) {
                    case OK -> Timeline.OK;
                    case FAIL -> Timeline.FAIL;
                    default -> Timeline.INFO;
                }][s]++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("ok", counts[Timeline.OK]);
        m.put("fail", counts[Timeline.FAIL]);
        m.put("info", counts[Timeline.INFO]);
        return m;
    }

    /** Milliseconds since the epoch for run.json's {@code startedAt} (ISO instant or epoch millis), or null. */
    static Long epochMillis(Object startedAt) {
        if (startedAt instanceof Number n) {
            return n.longValue();
        }
        if (startedAt instanceof String s) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A new histogram: decoded ones have fixed ranges and cannot always take another's values. */
    private static Histogram sum(Histogram a, Histogram b) {
        Histogram sum = new Histogram(3);
        sum.add(a);
        sum.add(b);
        return sum;
    }

    private Map<String, Object> toModel(String source) {
        List<Map<String, Object>> tags = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        series.forEach((tag, intervals) -> {
            Histogram total = new Histogram(3);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("tag", tag);
            s.put("t", intervals.keySet());
            for (int i = 0; i < PERCENTILES.length; i++) {
                double p = PERCENTILES[i];
                s.put(NAMES[i], intervals.values().stream().map(h -> ms(h.getValueAtPercentile(p))).toList());
            }
            s.put("max", intervals.values().stream().map(h -> ms(h.getMaxValue())).toList());
            intervals.values().forEach(total::add);
            tags.add(s);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tag", tag);
            row.put("count", total.getTotalCount());
            for (int i = 0; i < PERCENTILES.length; i++) {
                row.put(NAMES[i], ms(total.getValueAtPercentile(PERCENTILES[i])));
            }
            row.put("max", ms(total.getMaxValue()));
            table.add(row);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("series", tags);
        m.put("table", table);
        return m;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / NANOS_PER_MS * 1000) / 1000.0;
    }
}
