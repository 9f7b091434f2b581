package io.chaoskeeper.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.internal.Zxids;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server lanes of the report from {@code cluster.jsonl}: each node's samples (one per poll, ~10 a second)
 * compressed into intervals of one state, epoch and leader, so that a 10-minute run's tens of thousands of samples
 * become a few hundred rectangles. An interval lasts until the node's next sample that differs; the zxids it saw
 * are kept as the first and last. Times are microseconds on the history's clock, like the operation timeline.
 */
final class ServerLanes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerLanes() {
    }

    /**
     * The lanes {@code {samples, lanes: [{node, id, intervals: [[start, stop, state, epoch, leader, firstZxid,
     * lastZxid, error, samples]]}]}}, or null when the file is absent or holds no sample.
     */
    static Map<String, Object> read(Path file, Consumer<String> note) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, Lane> lanes = new LinkedHashMap<>();
        long samples = 0;
        long skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Sample s = Sample.parse(line);
                if (s == null) {
                    skipped++;
                    continue;
                }
                lanes.computeIfAbsent(s.node, n -> new Lane(n, s.id)).add(s);
                samples++;
            }
        } catch (IOException e) {
            note.accept(RunFiles.CLUSTER + " could not be read completely (" + e.getMessage() + ")");
        }
        if (skipped > 0) {
            note.accept(RunFiles.CLUSTER + ": " + skipped + " lines are not samples (no time, node or state) and "
                    + "were left out of the server lanes");
        }
        if (lanes.isEmpty()) {
            return null;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("samples", samples);
        model.put("lanes", lanes.values().stream()
                .sorted(Comparator.comparingLong((Lane l) -> l.id).thenComparing(l -> l.node))
                .map(Lane::toModel).toList());
        return model;
    }

    /** One line of cluster.jsonl; unknown fields are ignored. */
    private record Sample(long time, String node, long id, String state, Long epoch, Long zxid, Long leader,
                          String error) {

        static Sample parse(String line) {
            JsonNode j;
            try {
                j = JSON.readTree(line);
            } catch (IOException e) {
                return null;
            }
            if (j == null || !j.path("time").isIntegralNumber() || !j.path("node").isTextual()
                    || !j.path("state").isTextual()) {
                return null;
            }
            return new Sample(j.get("time").asLong(), j.get("node").asText(), j.path("id").asLong(Long.MAX_VALUE),
                    j.get("state").asText(), longOrNull(j.get("epoch")), longOrNull(j.get("zxid")),
                    longOrNull(j.get("leader")), j.path("error").isTextual() ? j.get("error").asText() : null);
        }

        private static Long longOrNull(JsonNode n) {
            return n != null && n.isIntegralNumber() ? n.asLong() : null;
        }

        boolean sameInterval(Sample other) {
            return state.equals(other.state) && Objects.equals(epoch, other.epoch)
                    && Objects.equals(leader, other.leader);
        }
    }

    /** One node's intervals, built as its samples arrive. */
    private static final class Lane {
        final String node;
        final long id;
        final List<List<Object>> intervals = new ArrayList<>();
        Sample first;
        Sample last;
        long count;

        Lane(String node, long id) {
            this.node = node;
            this.id = id;
        }

        void add(Sample s) {
            if (first != null && !first.sameInterval(s)) {
                close(s.time);
            }
            if (first == null) {
                first = s;
            }
            last = s;
            count++;
        }

        void close(long stop) {
            intervals.add(java.util.Arrays.asList(Timeline.micros(first.time), Timeline.micros(stop), first.state,
                    first.epoch, first.leader, hex(first.zxid), hex(last.zxid), first.error, count));
            first = null;
            count = 0;
        }

        Map<String, Object> toModel() {
            if (first != null) {
                close(last.time);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", node);
            m.put("id", id == Long.MAX_VALUE ? null : id);
            m.put("intervals", intervals);
            return m;
        }

        private static String hex(Long zxid) {
            return zxid == null ? null : Zxids.hex(zxid);
        }
    }
}
