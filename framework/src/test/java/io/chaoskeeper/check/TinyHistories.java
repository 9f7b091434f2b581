package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small random histories for brute-force comparisons: three processes, each step picks one at random; an idle one
 * invokes the next call (until {@code calls} were invoked), a busy one completes its call. A process whose call
 * ends {@code info} is replaced by a new one, as a client after a timeout.
 */
final class TinyHistories {

    /** What the calls are: their operation and input, and how each ends. */
    interface Calls {

        /** The operation {@code [f, input]} process slot {@code slot} invokes next. */
        Object[] invoke(int slot);

        /**
         * How the slot's call of {@code f} with {@code input} ends, or null when it never ends (only once
         * {@code allInvoked}).
         */
        Operation completion(int slot, String f, Object input, boolean allInvoked);
    }

    private TinyHistories() {
    }

    /** A history of {@code calls} calls. */
    static History generate(SplittableRandom random, int calls, Calls kinds) {
        List<Operation> ops = new ArrayList<>();
        boolean[] busy = new boolean[3];
        String[] f = new String[3];
        Object[] in = new Object[3];
        long[] pid = {0, 1, 2};
        long process = 3;
        int started = 0;
        while (started < calls || busy[0] || busy[1] || busy[2]) {
            int p = random.nextInt(3);
            if (!busy[p]) {
                if (started == calls) {
                    continue;
                }
                started++;
                Object[] call = kinds.invoke(p);
                f[p] = (String) call[0];
                in[p] = call[1];
                busy[p] = true;
                ops.add(Operation.of(ops.size(), Operation.Type.INVOKE, pid[p], f[p], in[p], ops.size()));
                continue;
            }
            busy[p] = false;
            Operation end = kinds.completion(p, f[p], in[p], started == calls);
            if (end == null) {
                continue; // never completes
            }
            ops.add(new Operation(ops.size(), end.type(), pid[p], f[p], end.value(), ops.size(), null, null,
                    end.error(), null, Map.of()));
            if (end.type() == Operation.Type.INFO) {
                pid[p] = process++;
            }
        }
        return History.of(ops);
    }

    /** A completion of these fields (index, process, f and time are the generator's). */
    static Operation end(Operation.Type type, Object value, String error) {
        return new Operation(0, type, 0, "", value, 0, null, null, error, null, Map.of());
    }

    static List<Object> pair(Object a, Object b) {
        return Arrays.asList(a, b);
    }
}
