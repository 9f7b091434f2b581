package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A history built to defeat the search: many processes whose writes mostly time out, while readers read the values
 * of those writes in an order no single sequence explains well. Run as a main (in a small forked JVM) it checks
 * one and prints the verdict and reason.
 */
final class Adversary {

    private Adversary() {
    }

    /** {@code processes} concurrent writers, {@code rounds} reads, mostly indeterminate writes. */
    static History history(int processes, int rounds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Operation> ops = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            ops.add(op(ops, Type.INVOKE, p, "write", (long) p + 1));
        }
        for (int p = 0; p < processes / 10; p++) {
            ops.add(op(ops, Type.OK, p, "write", (long) p + 1));
        }
        long reader = 1000;
        for (int i = 0; i < rounds; i++) {
            ops.add(op(ops, Type.INVOKE, reader, "read", null));
            ops.add(op(ops, Type.OK, reader, "read", (long) random.nextInt(processes) + 1));
        }
        return History.of(ops);
    }

    private static Operation op(List<Operation> ops, Type type, long process, String f, Object value) {
        return new Operation(ops.size(), type, process, f, value, ops.size(), null, null, null, null, Map.of());
    }

    /** Checks the adversarial history with the default budget and prints {@code verdict: summary}. */
    public static void main(String[] args) {
        History h = history(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 7);
        CheckResult r = LinearizabilityChecker.of(Models.register())
                .withTimeLimit(java.time.Duration.ofSeconds(Long.parseLong(args[2]))).check(h);
        System.out.println(r.verdict().wireName() + ": " + r.summary());
    }
}
