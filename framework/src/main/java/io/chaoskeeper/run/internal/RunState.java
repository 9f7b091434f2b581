package io.chaoskeeper.run.internal;

import io.chaoskeeper.history.HistoryRecorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What every client of a run shares: the recorder, latencies, counts, process ids and unique values. */
public final class RunState {

    private final HistoryRecorder recorder;
    private final LatencyLog latency;
    private final AtomicLong nextProcess;
    private final AtomicLong uniqueValues = new AtomicLong();
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Process ids below {@code firstFreeProcess} belong to the clients; later ones are handed out. */
    public RunState(HistoryRecorder recorder, LatencyLog latency, long firstFreeProcess) {
        this.recorder = recorder;
        this.latency = latency;
        this.nextProcess = new AtomicLong(firstFreeProcess);
    }

    HistoryRecorder recorder() {
        return recorder;
    }

    /** A process id never used before in this run. */
    public long newProcess() {
        return nextProcess.getAndIncrement();
    }

    long uniqueValue() {
        return uniqueValues.incrementAndGet();
    }

    /** Counts a completion and records its latency. */
    void completed(String f, String outcome, long nanos) {
        counts.computeIfAbsent(f, k -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
        latency.record(f, outcome, nanos);
    }

    /** Completions so far, by f then outcome. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        counts.forEach((f, byOutcome) -> {
            Map<String, Long> m = new TreeMap<>();
            byOutcome.forEach((outcome, n) -> m.put(outcome, n.sum()));
            snapshot.put(f, m);
        });
        return snapshot;
    }

    /** Completions so far with this outcome, over every f. */
    public long total(String outcome) {
        return counts.values().stream().mapToLong(m -> m.containsKey(outcome) ? m.get(outcome).sum() : 0).sum();
    }

    /** True until the workload phase ends. */
    public boolean running() {
        return running;
    }

    /** Ends the workload phase. */
    public void stop() {
        running = false;
    }
}
