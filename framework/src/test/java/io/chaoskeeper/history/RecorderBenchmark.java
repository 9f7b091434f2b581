package io.chaoskeeper.history;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the recorder's throughput from 8 threads and its memory per operation.
 *
 * <pre>mvn -B -q -o -pl framework test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx512m -cp framework/target/test-classes:framework/target/classes:$(cat /tmp/cp.txt) \
 *     io.chaoskeeper.history.RecorderBenchmark [ops threads]</pre>
 */
public final class RecorderBenchmark {

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path file = Files.createTempFile("recorder-bench", ".jsonl");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try {
            run(file, total / 10, threads, new long[1]).close(); // warm-up
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            long start = System.nanoTime();
            long[] appendedAt = new long[1];
            HistoryRecorder kept = run(file, total, threads, appendedAt);
            long nanos = System.nanoTime() - start;
            long appendNanos = appendedAt[0] - start;
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpuBefore;
            long writerCpu = writerCpuNanos();
            sampler.interrupt();
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            long recorded = kept.size();
            System.out.printf("recorded %,d ops from %d threads: %,.0f appends/s until the last record() returned,"
                    + " %,.0f/s until all was flushed to the file (%.2f s)%n", recorded, threads,
                    recorded / (appendNanos / 1e9), recorded / (nanos / 1e9), nanos / 1e9);
            // on a shared machine the wall-clock rate says more about the neighbours than about the recorder
            System.out.printf("cpu: %.0f ns per op for the whole process (%,.0f ops per cpu-second), writer thread"
                    + " %.0f ns per op (it alone bounds the durable rate at %,.0f/s on a free core)%n",
                    cpuNanos / (double) recorded, recorded / (cpuNanos / 1e9), writerCpu / (double) recorded,
                    recorded / (writerCpu / 1e9));
            System.out.printf("heap retained per op after the run: %.1f bytes (recorder still open, %,d bytes on disk)%n",
                    Math.max(0, heapAfter - heapBefore) / (double) recorded, Files.size(file));
            System.out.printf("peak heap growth during the run, per op: %.1f bytes (garbage and the bounded queue)%n",
                    Math.max(0, peak.get() - heapBefore) / (double) recorded);
            kept.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** CPU time of the open recorder's writer thread (the warm-up's has ended). */
    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("history-writer")) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return -1;
    }

    private static HistoryRecorder run(Path file, long total, int threads, long[] appendedAt) throws Exception {
        HistoryRecorder recorder = HistoryRecorder.toFile(file);
        long perThread = total / threads;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long process = t;
            Thread w = new Thread(() -> {
                for (long i = 0; i < perThread; i++) {
                    recorder.record(new Operation(0, i % 2 == 0 ? Operation.Type.INVOKE : Operation.Type.OK,
                            process, "write", i, 0, "r1", "zk1", null, null, Map.of()));
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        appendedAt[0] = System.nanoTime();
        recorder.flush();
        return recorder;
    }
}
