package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates key-value histories (get, put, append on a few keys, as in Porcupine's kv tests) from a simulated
 * atomic store: each of {@code clients} clients runs one call at a time; a call takes effect at one instant between
 * its invocation and its completion, with latencies mostly short and a few very long (a slow or partitioned
 * server), so calls overlap as in a real run. Every call completes. Puts and appends write unique tokens
 * {@code "x <client> <n> y"}, so a get's value spells out exactly which writes it saw in which order. With
 * {@code violation} set, one get's value is then changed so that no linearization explains it ({@link Violation}).
 *
 * @param ops       calls to generate
 * @param clients   concurrent clients
 * @param keys      independent keys
 * @param violation inject one provable violation
 * @param seed      the random seed
 */
public record SimulatedKv(int ops, int clients, int keys, boolean violation, long seed) {

    /** One simulated call: its instants and what it did. */
    record Sim(int client, String f, String key, String input, long invoked, long applied, long returned) {
    }

    /** The generated history; throws {@link IllegalStateException} when no get can carry a violation. */
    public History generate() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sim> sims = schedule(random);
        Map<Sim, String> observed = apply(sims);
        if (violation) {
            Violation.inject(sims, observed, random);
        }
        return history(sims, observed);
    }

    /** Each client's calls back to back, with random think times and a heavy-tailed latency. */
    private List<Sim> schedule(SplittableRandom random) {
        List<Sim> sims = new ArrayList<>(ops);
        long[] free = new long[clients];
        int[] counter = new int[clients];
        for (int i = 0; i < ops; i++) {
            int c = 0;
            for (int k = 1; k < clients; k++) {
                c = free[k] < free[c] ? k : c;
            }
            long invoked = free[c] + random.nextInt(5);
            long latency = random.nextInt(100) == 0 ? 100 + random.nextInt(900) : 1 + random.nextInt(40);
            long applied = invoked + random.nextLong(latency);
            long returned = invoked + latency;
            double dice = random.nextDouble();
            String f = dice < 0.4 ? "get" : dice < 0.5 ? "put" : "append";
            String input = f.equals("get") ? null : "x " + c + " " + counter[c]++ + " y";
            sims.add(new Sim(c, f, String.valueOf(random.nextInt(keys)), input, invoked, applied, returned));
            free[c] = returned + 1;
        }
        return sims;
    }

    /** Applies the calls in the order they take effect; the value each get returned. */
    private static Map<Sim, String> apply(List<Sim> sims) {
        List<Sim> byEffect = new ArrayList<>(sims);
        byEffect.sort(Comparator.comparingLong(Sim::applied));
        Map<String, String> store = new HashMap<>();
        Map<Sim, String> observed = new HashMap<>();
        for (Sim s : byEffect) {
            String now = store.getOrDefault(s.key(), "");
            switch (s.f()) {
                case "get" -> observed.put(s, now);
                case "put" -> store.put(s.key(), s.input());
                default -> store.put(s.key(), now + s.input());
            }
        }
        return observed;
    }

    /** Invocations and completions in time order (an invocation before a completion at the same instant). */
    private static History history(List<Sim> sims, Map<Sim, String> observed) {
        record Event(long time, boolean invoke, Sim sim) {
        }
        List<Event> events = new ArrayList<>(2 * sims.size());
        for (Sim s : sims) {
            events.add(new Event(s.invoked(), true, s));
            events.add(new Event(s.returned(), false, s));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparing(e -> !e.invoke()));
        List<Operation> ops = new ArrayList<>(events.size());
        for (Event e : events) {
            Sim s = e.sim();
            Object value = e.invoke() ? s.input() : s.f().equals("get") ? observed.get(s) : s.input();
            ops.add(new Operation(ops.size(), e.invoke() ? Operation.Type.INVOKE : Operation.Type.OK, s.client(),
                    s.f(), value, e.time() * 1000, s.key(), null, null, null, Map.of()));
        }
        return History.of(ops);
    }

    /**
     * The history in Porcupine's kv format, one EDN map a line ({@code {:process 4, :type :ok, :f :append, :key "1",
     * :value "x 4 0 y"}}), which {@code check --format porcupine-kv} and Porcupine's own tests read.
     */
    public static String porcupineKv(History history) {
        StringBuilder text = new StringBuilder();
        for (Operation o : history.operations()) {
            text.append("{:process ").append(o.process()).append(", :type :").append(o.type().wireName())
                    .append(", :f :").append(o.f()).append(", :key \"").append(o.key())
                    .append("\", :value ").append(o.value() == null ? "nil" : "\"" + o.value() + "\"").append("}\n");
        }
        return text.toString();
    }
}
