package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;

/**
 * A realistic cas-register run for report tests and the benchmark, until real runs land: clients doing
 * read/write/cas against three servers, partitions and pauses every few seconds during which ops time out
 * (info, the client continues as a new process) or fail, and the run directory files the engine writes.
 */
final class SyntheticRun {

    static final String XSS_VALUE = "<img src=x onerror=window.__xss=1>";
    static final String XSS_KEY = "<script>window.__xss=1</script>";

    private static final long MS = 1_000_000L;
    private static final long STARTED_AT_MS = 1_764_000_000_000L;

    private final int operations;
    private final long seed;
    private boolean xss;
    private boolean invalid;

    private SyntheticRun(int operations, long seed) {
        this.operations = operations;
        this.seed = seed;
    }

    static SyntheticRun of(int operations, long seed) {
        return new SyntheticRun(operations, seed);
    }

    /** With hostile strings in a value, a key, an error, a node name, a fault and the checker's message. */
    SyntheticRun withXss() {
        xss = true;
        return this;
    }

    /** With an invalid linearizability result whose failing op is {@link #failingEvent(History)}. */
    SyntheticRun withInvalidCheck() {
        invalid = true;
        return this;
    }

    /** The history: client calls of 10 processes with fault events merged in time order. */
    History history() {
        Random rnd = new Random(seed);
        List<Operation> events = new ArrayList<>();
        // faults: partitions and pauses spread over the run (about one op per ms), the last, near the end, never healed
        long[][] faultWindows = new long[Math.max(2, operations / 4000)][];
        long spacing = operations * MS / faultWindows.length;
        long length = Math.min(1500 * MS, spacing / 3);
        for (int k = 0; k < faultWindows.length; k++) {
            long start = spacing / 4 + k * spacing;
            boolean last = k == faultWindows.length - 1;
            faultWindows[k] = new long[]{start, last ? Long.MAX_VALUE : start + length};
            String kind = k % 2 == 0 ? "partition" : "pause";
            List<String> targets = List.of(xss && k == 0 ? "zk" + XSS_KEY : "zk" + (k % 3 + 1));
            Map<String, Object> params = Map.of("grudge", k % 2 == 0 ? "majorities-ring" : "none");
            events.add(new FaultEvent(start, true, k, kind, targets, params, null).toOperation(0, 0));
            if (!last) {
                events.add(new FaultEvent(start + length, false, k, kind, targets, params, null).toOperation(0, 0));
            }
        }
        PriorityQueue<long[]> clients = new PriorityQueue<>(Comparator.comparingLong(c -> c[1]));
        for (int p = 0; p < 10; p++) {
            clients.add(new long[]{p, rnd.nextInt(1000) * 1000L});
        }
        long nextValue = 1;
        long version = 0;
        for (int i = 0; i < operations; i++) {
            long[] c = clients.poll();
            long process = c[0];
            long start = c[1];
            boolean inFault = false;
            for (long[] w : faultWindows) {
                inFault |= start >= w[0] && start < w[1];
            }
            String f = switch (rnd.nextInt(3)) {
                case 0 -> "read";
                case 1 -> "write";
                default -> "cas";
            };
            Object invokeValue = switch (f) {
                case "read" -> null;
                case "write" -> nextValue++;
                default -> List.of(version, nextValue++);
            };
            if (xss && i == 5) {
                invokeValue = XSS_VALUE;
            }
            long latency = (long) ((0.4 + rnd.nextExponential() * (inFault ? 12 : 1.5)) * MS);
            Operation.Type outcome = Operation.Type.OK;
            String error = null;
            if (inFault && rnd.nextInt(10) == 0) {
                outcome = f.equals("read") ? Operation.Type.FAIL : Operation.Type.INFO;
                error = "connection-loss";
                latency = 200 * MS + rnd.nextInt(50) * MS; // the client's timeout
            } else if (f.equals("cas") && rnd.nextInt(3) == 0) {
                outcome = Operation.Type.FAIL;
                error = "bad-version";
            }
            if (xss && i == 7) {
                error = "\"quoted\" & <b>bold</b>";
            }
            String node = xss && i == 6 ? "zk</script><script>window.__xss=1</script>" : "zk" + (process % 3 + 1);
            String key = xss && i == 5 ? XSS_KEY : "r1";
            Operation invoke = new Operation(0, Operation.Type.INVOKE, process, f, invokeValue, start, key, node,
                    null, null, Map.of());
            boolean openEnded = i >= operations - 3;
            events.add(invoke);
            if (!openEnded) {
                if (outcome == Operation.Type.OK && !f.equals("read")) {
                    version++;
                }
                Object result = outcome != Operation.Type.OK ? invokeValue
                        : f.equals("read") ? List.of(nextValue - 1, version) : invokeValue;
                events.add(new Operation(0, outcome, process, f, result, start + latency, key, node, error,
                        outcome == Operation.Type.OK ? 0x100000000L + version : null,
                        Map.of("version", version)));
            }
            if (openEnded) {
                continue; // the history ends while these are in flight
            }
            long nextProcess = outcome == Operation.Type.INFO ? process + 10 : process;
            clients.add(new long[]{nextProcess, start + latency + rnd.nextInt(18_000) * 1000L});
        }
        events.sort(Comparator.comparingLong(Operation::time));
        List<Operation> indexed = new ArrayList<>(events.size());
        for (Operation op : events) {
            indexed.add(op.withIndex(indexed.size()));
        }
        return History.of(indexed);
    }

    /** The event index of the completion the synthetic invalid result cannot place: the middle ok read. */
    static long failingEvent(History history) {
        List<Operation> reads = history.operations().stream()
                .filter(op -> op.type() == Operation.Type.OK && op.f().equals("read")).toList();
        return reads.get(reads.size() / 2).index();
    }

    List<CheckResult> checks(History history) {
        List<CheckResult> results = new ArrayList<>();
        if (invalid) {
            long failing = failingEvent(history);
            List<Long> concurrent = List.of(failing - 1, failing - 2);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("prefix", List.of(0L, 1L, 2L));
            data.put("failing", failing);
            data.put("concurrent", concurrent);
            data.put("states", List.of(new TreeMap<>(Map.of("value", 3, "version", 7)),
                    new TreeMap<>(Map.of("value", 4, "version", 8))));
            String message = xss ? "read saw " + XSS_KEY + " which no write wrote"
                    : "read " + history.operations().get((int) failing).value() + ", but the register can only hold 3 or 4";
            results.add(new CheckResult("linearizability(cas-register)", Verdict.INVALID, message,
                    List.of(new Anomaly("not-linearizable", message, List.of(failing, failing - 1, failing - 2), data)),
                    operations, Duration.ofMillis(12), Map.of("statesExplored", 1234)));
        } else {
            results.add(new CheckResult("linearizability(cas-register)", Verdict.VALID, "linearizable", List.of(),
                    operations, Duration.ofMillis(12), Map.of()));
        }
        results.add(new CheckResult("zookeeper-guarantees", Verdict.UNKNOWN, "no session zxids were recorded",
                List.of(), operations, Duration.ofMillis(1), Map.of()));
        return results;
    }

    /** Writes a full run directory: history, faults, latency log, checks, run.json and the server evidence. */
    Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nodes"));
        History history = history();
        JsonLines.write(dir.resolve("history.jsonl"), history);
        JsonLines.write(dir.resolve("faults.jsonl"), History.of(history.faultEvents()));
        CheckResultJson.write(dir.resolve("checks.json"), checks(history));
        writeLatencyLog(dir.resolve("latency.hlog"), history);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", xss ? "CasRegisterIT " + XSS_KEY : "CasRegisterIT.partitionsAndPauses");
        run.put("seed", seed);
        run.put("zookeeperVersion", "3.9.4");
        run.put("nodes", List.of("zk1", "zk2", "zk3"));
        run.put("workload", "cas-register");
        run.put("schedule", "partition+pause every 4s");
        run.put("clients", 10);
        run.put("startedAt", java.time.Instant.ofEpochMilli(STARTED_AT_MS).toString());
        run.put("durationMs", history.operations().get(history.size() - 1).time() / MS);
        run.put("reproduce", "mvn -pl scenarios verify -Dit.test=CasRegisterIT -Dchaoskeeper.seed=" + seed);
        new ObjectMapper().writeValue(dir.resolve("run.json").toFile(), run);
        SyntheticCluster.writeTo(dir, history.operations().get(history.size() - 1).time());
        return dir;
    }

    private static void writeLatencyLog(Path file, History history) throws IOException {
        Map<String, TreeMap<Long, Histogram>> byTag = new TreeMap<>();
        history.calls().stream().filter(c -> c.completion() != null).forEach(c -> {
            String tag = c.invoke().f() + ":" + c.outcome().name().toLowerCase(java.util.Locale.ROOT);
            long second = c.completion().time() / 1_000_000_000L;
            byTag.computeIfAbsent(tag, k -> new TreeMap<>()).computeIfAbsent(second, s -> {
                Histogram h = new Histogram(3);
                h.setTag(tag);
                h.setStartTimeStamp(STARTED_AT_MS + s * 1000);
                h.setEndTimeStamp(STARTED_AT_MS + s * 1000 + 1000);
                return h;
            }).recordValue(c.completion().time() - c.invoke().time());
        });
        try (java.io.PrintStream out = new java.io.PrintStream(file.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(STARTED_AT_MS);
            writer.setBaseTime(STARTED_AT_MS);
            writer.outputBaseTime(STARTED_AT_MS);
            writer.outputLegend();
            byTag.values().forEach(m -> m.values().forEach(writer::outputIntervalHistogram));
        }
    }
}
