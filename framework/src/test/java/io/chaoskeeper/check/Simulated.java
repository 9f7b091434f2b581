package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded simulations of a correct lock, queue and set service under concurrent clients, some of whose operations
 * end indeterminately; they produce histories in the workload shapes, valid by construction.
 */
final class Simulated {

    private final Random random;
    private final List<Operation> ops = new ArrayList<>();
    private long time;

    private Simulated(long seed) {
        this.random = new Random(seed);
    }

    private void event(Type type, long process, String f, Object value, String error) {
        time += 1 + random.nextInt(5);
        ops.add(new Operation(ops.size(), type, process, f, value, time, null, "zk" + (1 + process % 3), error, null,
                Map.of()));
    }

    /**
     * A write call: ok (applied) 8 times in 10, fail (not applied) 1 in 10, info 1 in 10 (applied or not, at random).
     */
    private void write(long process, String f, Object value, Runnable apply) {
        event(Type.INVOKE, process, f, value, null);
        int outcome = random.nextInt(10);
        if (outcome == 0) {
            event(Type.INFO, process, f, null, "timeout");
            if (random.nextBoolean()) {
                apply.run();
            }
        } else if (outcome == 1) {
            event(Type.FAIL, process, f, null, "connection-loss");
        } else {
            apply.run();
            event(Type.OK, process, f, f.equals("enqueue") ? value : null, null);
        }
    }

    private History history() {
        return History.of(ops);
    }

    /** Client state in the lock simulation. */
    private enum Phase { IDLE, WAITING, HOLDING, UPDATING, RELEASING }

    /**
     * A correct lock with fencing tokens and a fenced counter; {@code doubleGrant} breaks it once: the lock is
     * granted to a waiting client while a certain holder still holds it.
     */
    static History lock(long seed, boolean doubleGrant) {
        return lock(seed, doubleGrant, 60);
    }

    /** A lock history of at least {@code steps} simulation steps. */
    static History lock(long seed, boolean doubleGrant, int steps) {
        Simulated s = new Simulated(seed);
        int clients = 2 + s.random.nextInt(4);
        long[] process = new long[clients];
        Phase[] phase = new Phase[clients];
        long[] token = new long[clients];
        for (int c = 0; c < clients; c++) {
            process[c] = c;
            phase[c] = Phase.IDLE;
        }
        int holder = -1;
        boolean zombie = false;
        long tokens = 0;
        long counter = 0;
        long lastToken = 0;
        boolean broken = !doubleGrant;
        long nextProcess = clients;
        int brokenAt = doubleGrant ? Integer.MAX_VALUE - 100 : 0;
        for (int step = 0; step < steps || step < brokenAt + 20; step++) {
            if (step > steps + 400 && brokenAt > step) {
                break;
            }
            if (zombie && s.random.nextInt(4) == 0) {
                holder = -1; // the zombie's session expired
                zombie = false;
            }
            int c = s.random.nextInt(clients);
            long p = process[c];
            switch (phase[c]) {
                case IDLE -> {
                    s.event(Type.INVOKE, p, "acquire", null, null);
                    phase[c] = Phase.WAITING;
                }
                case WAITING -> {
                    boolean breakNow = !broken && holder >= 0 && !zombie && phase[holder] == Phase.HOLDING;
                    if (holder >= 0 && !breakNow) {
                        continue;
                    }
                    if (breakNow) {
                        broken = true;
                        brokenAt = step;
                    }
                    token[c] = ++tokens;
                    if (!breakNow && s.random.nextInt(10) == 0) {
                        s.event(Type.INFO, p, "acquire", null, "timeout");
                        if (s.random.nextBoolean()) {
                            holder = c;
                            zombie = true;
                        }
                        process[c] = nextProcess++;
                        phase[c] = Phase.IDLE;
                    } else {
                        s.event(Type.OK, p, "acquire", token[c], null);
                        holder = c;
                        phase[c] = Phase.HOLDING;
                    }
                }
                case HOLDING -> {
                    if (s.random.nextBoolean()) {
                        s.event(Type.INVOKE, p, "guarded-update", Map.of("token", token[c]), null);
                        phase[c] = Phase.UPDATING;
                    } else {
                        s.event(Type.INVOKE, p, "release", null, null);
                        phase[c] = Phase.RELEASING;
                    }
                }
                case UPDATING -> {
                    if (token[c] < lastToken) {
                        s.event(Type.FAIL, p, "guarded-update", null, "stale-token");
                        phase[c] = Phase.HOLDING;
                    } else if (s.random.nextInt(10) == 0) {
                        s.event(Type.INFO, p, "guarded-update", null, "timeout");
                        if (s.random.nextBoolean()) {
                            counter++;
                            lastToken = token[c];
                        }
                        zombie = holder == c; // it gave up; its session holds the lock until it expires
                        process[c] = nextProcess++;
                        phase[c] = Phase.IDLE;
                    } else {
                        s.event(Type.OK, p, "guarded-update", Map.of("token", token[c], "read", counter,
                                "wrote", counter + 1, "lastToken", lastToken), null);
                        counter++;
                        lastToken = token[c];
                        phase[c] = Phase.HOLDING;
                    }
                }
                case RELEASING -> {
                    s.event(Type.OK, p, "release", null, null);
                    if (holder == c) {
                        holder = -1;
                    }
                    phase[c] = Phase.IDLE;
                }
                default -> throw new IllegalStateException();
            }
        }
        return s.history();
    }

    /** A correct FIFO queue, drained at the end until a dequeue finds it empty. */
    static History queue(long seed) {
        return queue(seed, 30);
    }

    /** A queue history of {@code steps} client operations and the drain. */
    static History queue(long seed, int steps) {
        Simulated s = new Simulated(seed);
        Deque<Long> queue = new ArrayDeque<>();
        long next = 1;
        long process = 0;
        for (int step = 0; step < steps; step++) {
            long p = process++;
            if (s.random.nextBoolean()) {
                long v = next++;
                s.write(p, "enqueue", v, () -> queue.add(v));
            } else {
                s.event(Type.INVOKE, p, "dequeue", null, null);
                if (s.random.nextInt(10) == 0) {
                    s.event(Type.INFO, p, "dequeue", null, "timeout");
                    if (s.random.nextBoolean() && !queue.isEmpty()) {
                        queue.poll();
                    }
                } else if (queue.isEmpty()) {
                    s.event(Type.FAIL, p, "dequeue", null, "empty");
                } else {
                    s.event(Type.OK, p, "dequeue", queue.poll(), null);
                }
            }
        }
        long drainer = process;
        while (true) {
            s.event(Type.INVOKE, drainer, "dequeue", null, null);
            if (queue.isEmpty()) {
                s.event(Type.FAIL, drainer, "dequeue", null, "empty");
                return s.history();
            }
            s.event(Type.OK, drainer, "dequeue", queue.poll(), null);
        }
    }

    /** A correct set, read at the end on each of three servers. */
    static History set(long seed) {
        return set(seed, 30);
    }

    /** A set history of {@code elements} adds and three final reads. */
    static History set(long seed, int elements) {
        Simulated s = new Simulated(seed);
        List<Object> present = new ArrayList<>();
        for (long e = 1; e <= elements; e++) {
            long element = e;
            s.write(e, "add", element, () -> present.add(element));
        }
        for (int server = 0; server < 3; server++) {
            List<Object> read = new ArrayList<>(present);
            Collections.shuffle(read, s.random);
            s.event(Type.INVOKE, 100 + server, "read", null, null);
            s.event(Type.OK, 100 + server, "read", read, null);
        }
        return s.history();
    }

    /** This history with one event's value replaced. */
    static History withValue(History h, int index, Object value) {
        List<Operation> ops = new ArrayList<>(h.operations());
        Operation o = ops.get(index);
        ops.set(index, new Operation(o.index(), o.type(), o.process(), o.f(), value, o.time(), o.key(), o.node(),
                o.error(), o.zxid(), o.extra()));
        return History.of(ops);
    }

    /** This history with a call of a fresh process appended. */
    static History withCall(History h, String f, Object value, Type outcome, String error) {
        List<Operation> ops = new ArrayList<>(h.operations());
        long t = ops.get(ops.size() - 1).time();
        long p = 10_000;
        ops.add(new Operation(ops.size(), Type.INVOKE, p, f, null, t + 1, null, null, null, null, Map.of()));
        ops.add(new Operation(ops.size(), outcome, p, f, value, t + 2, null, null, error, null, Map.of()));
        return History.of(ops);
    }

    /** A map value with one field changed. */
    static Map<String, Object> with(Object map, String field, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        copy.put(field, value);
        return copy;
    }
}
