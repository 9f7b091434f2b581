package io.chaoskeeper.evidence;

import io.chaoskeeper.evidence.internal.SampleLines;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster timeline of a run: every server's samples in time order, as {@code cluster.jsonl} holds them, and
 * what each server was at a given moment.
 */
public final class ClusterTimeline {

    /** The file name in a run directory. */
    public static final String FILE = "cluster.jsonl";

    private final Map<String, List<NodeSample>> byNode = new TreeMap<>();

    private ClusterTimeline(List<NodeSample> samples) {
        for (NodeSample s : samples) {
            byNode.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s);
        }
        byNode.values().forEach(list -> list.sort(Comparator.comparingLong(NodeSample::time)));
    }

    /** A timeline of these samples (any order). */
    public static ClusterTimeline of(List<NodeSample> samples) {
        return new ClusterTimeline(samples);
    }

    /**
     * Reads a {@code cluster.jsonl}; blank lines and unknown fields are skipped, a missing file is an empty timeline.
     *
     * @throws IOException when the file cannot be read or a line is not a sample
     */
    public static ClusterTimeline read(Path file) throws IOException {
        List<NodeSample> samples = new ArrayList<>();
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file)) {
                int number = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    number++;
                    if (!line.isBlank()) {
                        samples.add(SampleLines.parse(line, file.getFileName() + ":" + number));
                    }
                }
            }
        }
        return new ClusterTimeline(samples);
    }

    /** The nodes sampled, by name. */
    public List<String> nodes() {
        return List.copyOf(byNode.keySet());
    }

    /** One node's samples in time order (empty for a node never sampled). */
    public List<NodeSample> samples(String node) {
        return List.copyOf(byNode.getOrDefault(node, List.of()));
    }

    /** What the node was at {@code time} (history clock): its last sample at or before then, if any. */
    public Optional<NodeSample> at(String node, long time) {
        List<NodeSample> list = byNode.getOrDefault(node, List.of());
        int low = 0;
        int high = list.size() - 1;
        NodeSample found = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (list.get(mid).time() <= time) {
                found = list.get(mid);
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.ofNullable(found);
    }
}
