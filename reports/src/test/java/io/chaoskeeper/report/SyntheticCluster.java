package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server evidence of a synthetic 3-node run in the CONTRACTS.md formats: {@code cluster.jsonl} sampled every
 * 100 ms (zk1 leads epoch 1 until {@link #leaderChange}, all look for 300 ms, then zk2 leads epoch 2; zk3 is paused
 * from a quarter of the run for 1 s), {@code servers.json} and each node's log and data archive.
 */
final class SyntheticCluster {

    static final long SAMPLE_NANOS = 100_000_000L;
    static final long ELECTION_NANOS = 300_000_000L;
    static final long PAUSE_NANOS = 1_000_000_000L;

    private SyntheticCluster() {
    }

    /** When zk1 stops leading: half-way through the run. */
    static long leaderChange(long endNanos) {
        return endNanos / 2 / SAMPLE_NANOS * SAMPLE_NANOS;
    }

    /** When zk3 is paused. */
    static long pauseStart(long endNanos) {
        return endNanos / 4 / SAMPLE_NANOS * SAMPLE_NANOS;
    }

    /** Writes cluster.jsonl, servers.json and nodes/ for a run whose history ends at {@code endNanos}. */
    static void writeTo(Path dir, long endNanos) throws IOException {
        Files.createDirectories(dir.resolve("nodes"));
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("cluster.jsonl"), StandardCharsets.UTF_8)) {
            ObjectMapper json = new ObjectMapper();
            for (long t = 0; t <= endNanos; t += SAMPLE_NANOS) {
                for (int id = 1; id <= 3; id++) {
                    out.write(json.writeValueAsString(sample(t, id, endNanos)));
                    out.newLine();
                }
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", "zk" + id);
            node.put("id", id);
            node.put("state", id == 2 ? "leader" : "follower");
            node.put("zxid", (2L << 32) + 77);
            node.put("digestMismatches", id == 3 ? null : 0);
            node.put("log", "nodes/zk" + id + ".log");
            node.put("data", "nodes/zk" + id + "-data.tar.gz");
            node.put("dataTruncated", id == 1);
            nodes.add(node);
            Files.writeString(dir.resolve("nodes/zk" + id + ".log"), "2026-11-24 INFO  QuorumPeer: zk" + id + "\n");
            Files.write(dir.resolve("nodes/zk" + id + "-data.tar.gz"), new byte[1500 * id]);
        }
        new ObjectMapper().writeValue(dir.resolve("servers.json").toFile(), Map.of("nodes", nodes));
    }

    private static Map<String, Object> sample(long t, int id, long endNanos) {
        long change = leaderChange(endNanos);
        long pause = pauseStart(endNanos);
        boolean electing = t >= change && t < change + ELECTION_NANOS;
        boolean paused = id == 3 && t >= pause && t < pause + PAUSE_NANOS;
        long epoch = t < change ? 1 : 2;
        int leader = t < change ? 1 : 2;
        String state = paused ? "paused" : electing ? "looking" : id == leader ? "leader" : "follower";
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("time", t);
        s.put("node", "zk" + id);
        s.put("id", id);
        s.put("state", state);
        s.put("epoch", paused ? null : epoch);
        s.put("zxid", paused ? null : (epoch << 32) + t / SAMPLE_NANOS);
        s.put("leader", paused || electing ? null : leader);
        if (paused) {
            s.put("error", "no answer within 50 ms");
        }
        s.put("futureField", "ignored");
        return s;
    }

    /**
     * A long, busy cluster.jsonl for the benchmark: {@code nodes} nodes sampled every 100 ms for {@code nanos}, a new
     * leader elected every few seconds (a 300 ms election), one node paused or down now and then.
     *
     * @return the number of samples written
     */
    static long writeBusy(Path dir, int nodes, long nanos, long seed) throws IOException {
        java.util.Random rnd = new java.util.Random(seed);
        ObjectMapper json = new ObjectMapper();
        long samples = 0;
        int leader = 1;
        long epoch = 1;
        long nextElection = 3_000_000_000L;
        int troubled = 0;
        String trouble = "paused";
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("cluster.jsonl"), StandardCharsets.UTF_8)) {
            for (long t = 0; t <= nanos; t += SAMPLE_NANOS) {
                boolean electing = t >= nextElection && t < nextElection + ELECTION_NANOS;
                if (t == nextElection + ELECTION_NANOS) {
                    leader = 1 + rnd.nextInt(nodes);
                    epoch++;
                    nextElection += 2_000_000_000L + rnd.nextInt(5) * 1_000_000_000L;
                    troubled = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(nodes) : 0;
                    trouble = rnd.nextBoolean() ? "paused" : "down";
                }
                for (int id = 1; id <= nodes; id++) {
                    String state = id == troubled && id != leader ? trouble
                            : electing ? "looking" : id == leader ? "leader" : "follower";
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("time", t);
                    s.put("node", "zk" + id);
                    s.put("id", id);
                    s.put("state", state);
                    s.put("epoch", epoch);
                    s.put("zxid", (epoch << 32) + t / SAMPLE_NANOS);
                    s.put("leader", electing ? null : leader);
                    out.write(json.writeValueAsString(s));
                    out.newLine();
                    samples++;
                }
            }
        }
        return samples;
    }
}
