package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates concurrent histories of atomic cas-registers (one per key) for tests and benchmarks: every call takes
 * effect at one instant between its invocation and completion, so the history is linearizable, unless stale reads
 * are injected afterwards. Written values are unique; a timed-out call completes as {@code info} (it took effect or
 * not, at random) and its process continues under a new id, as chaoskeeper's workloads do.
 *
 * @param ops           invocations to generate
 * @param processes     concurrent clients
 * @param keys          independent registers
 * @param indeterminate the fraction of writes and cas calls that end as info
 * @param staleReads    reads to turn into provably stale ones (each makes the history non-linearizable)
 * @param seed          the random seed
 */
public record SimulatedRegister(int ops, int processes, int keys, double indeterminate, int staleReads, long seed) {

    private enum Phase { IDLE, INVOKED, APPLIED }

    /** The generated history. */
    public History generate() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Operation> events = new ArrayList<>();
        Long[] registers = new Long[keys];
        Phase[] phase = new Phase[processes];
        long[] processId = new long[processes];
        String[] f = new String[processes];
        Object[] input = new Object[processes];
        Object[] output = new Object[processes];
        int[] key = new int[processes];
        boolean[] timesOut = new boolean[processes];
        Arrays.fill(phase, Phase.IDLE);
        for (int p = 0; p < processes; p++) {
            processId[p] = p;
        }
        long nextProcess = processes;
        long nextValue = 1;
        int invoked = 0;
        int busy = 0;
        while (invoked < ops || busy > 0) {
            int p = random.nextInt(processes);
            String k = "r" + key[p];
            switch (phase[p]) {
                case IDLE -> {
                    if (invoked == ops) {
                        continue;
                    }
                    invoked++;
                    busy++;
                    key[p] = random.nextInt(keys);
                    double dice = random.nextDouble();
                    f[p] = dice < 0.5 ? "read" : dice < 0.8 ? "write" : "cas";
                    Long current = registers[key[p]];
                    input[p] = switch (f[p]) {
                        case "write" -> nextValue++;
                        case "cas" -> Arrays.asList(expected(current, random), nextValue++);
                        default -> null;
                    };
                    timesOut[p] = !f[p].equals("read") && random.nextDouble() < indeterminate;
                    phase[p] = Phase.INVOKED;
                    events.add(event(events, Operation.Type.INVOKE, processId[p], f[p], input[p], "r" + key[p], null));
                }
                case INVOKED -> {
                    phase[p] = Phase.APPLIED;
                    if (timesOut[p] && random.nextBoolean()) {
                        continue; // timed out and never took effect
                    }
                    output[p] = apply(registers, key[p], f[p], input[p]);
                }
                case APPLIED -> {
                    busy--;
                    phase[p] = Phase.IDLE;
                    if (timesOut[p]) {
                        events.add(event(events, Operation.Type.INFO, processId[p], f[p], null, k, "timeout"));
                        processId[p] = nextProcess++;
                    } else if (output[p] == Boolean.FALSE) {
                        events.add(event(events, Operation.Type.FAIL, processId[p], f[p], input[p], k, "mismatch"));
                    } else {
                        events.add(event(events, Operation.Type.OK, processId[p], f[p],
                                f[p].equals("read") ? output[p] : input[p], k, null));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        injectStaleReads(events, random);
        return History.of(events);
    }

    /** What a cas expects: usually the current value, sometimes an older one. */
    private static Long expected(Long current, SplittableRandom random) {
        return current == null || random.nextDouble() < 0.7 ? current : Long.valueOf(current - 1);
    }

    /** Applies a call to the registers; returns a read's value, or TRUE/FALSE for whether a cas matched. */
    private static Object apply(Long[] registers, int key, String f, Object input) {
        switch (f) {
            case "read" -> {
                return registers[key];
            }
            case "write" -> {
                registers[key] = (Long) input;
                return Boolean.TRUE;
            }
            default -> {
                List<?> cas = (List<?>) input;
                if (java.util.Objects.equals(registers[key], cas.get(0))) {
                    registers[key] = (Long) cas.get(1);
                    return Boolean.TRUE;
                }
                return Boolean.FALSE;
            }
        }
    }

    private static Operation event(List<Operation> events, Operation.Type type, long process, String f, Object value,
                                   String key, String error) {
        long index = events.size();
        return new Operation(index, type, process, f, value, index * 1000, key, null, error, null, Map.of());
    }

    /**
     * Makes reads provably stale: for an ok read of key k, find ok writes w then o of k (o invoked after w
     * completed, o completed before the read began) and make the read return w's value.
     */
    private void injectStaleReads(List<Operation> events, SplittableRandom random) {
        int injected = 0;
        for (int attempt = 0; injected < staleReads && attempt < 100 * (staleReads + 1); attempt++) {
            int at = random.nextInt(events.size());
            Operation read = events.get(at);
            if (read.type() != Operation.Type.OK || !read.f().equals("read")) {
                continue;
            }
            int readInvoke = invokeOf(events, at);
            Operation older = null;
            Operation newer = null;
            for (int i = readInvoke - 1; i >= 0 && older == null; i--) {
                Operation e = events.get(i);
                if (e.type() == Operation.Type.OK && e.f().equals("write") && e.key().equals(read.key())) {
                    if (newer == null) {
                        newer = e;
                    } else if (invokeOf(events, (int) newer.index()) > i) {
                        older = e;
                    }
                }
            }
            if (older != null && !older.value().equals(read.value())) {
                events.set(at, new Operation(read.index(), read.type(), read.process(), read.f(), older.value(),
                        read.time(), read.key(), null, null, null, Map.of("injected", "stale-read")));
                injected++;
            }
        }
        if (injected < staleReads) {
            throw new IllegalStateException("found no place for a stale read; generate more operations");
        }
    }

    private static int invokeOf(List<Operation> events, int completion) {
        long process = events.get(completion).process();
        for (int i = completion - 1; ; i--) {
            if (events.get(i).process() == process) {
                return i;
            }
        }
    }
}
