package io.chaoskeeper.check.internal;

import io.chaoskeeper.check.internal.SimulatedKv.Sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Changes one get of a {@link SimulatedKv} history so that no linearization explains it. Tokens are unique, so a
 * value names its writes in order: a put's token first (or none: the empty key) and then appends. Three kinds, each
 * with the real-time fact that proves it:
 * <ul>
 *   <li><b>lost append</b>: a token a is dropped while a later token b stays, a having returned before b was invoked
 *       and having been invoked after the put the value starts with returned, so a lies between them in any order;</li>
 *   <li><b>reordered appends</b>: two adjacent tokens a, b swapped where a returned before b was invoked;</li>
 *   <li><b>stale get</b>: an older value of the key, although a write missing from it was invoked after that
 *       value's put returned and returned before the get was invoked.</li>
 * </ul>
 */
final class Violation {

    private Violation() {
    }

    static void inject(List<Sim> sims, Map<Sim, String> observed, SplittableRandom random) {
        Map<String, Sim> writer = new HashMap<>();
        for (Sim s : sims) {
            if (s.input() != null) {
                writer.put(s.input(), s);
            }
        }
        List<Sim> gets = new ArrayList<>(observed.keySet());
        gets.sort((a, b) -> Long.compare(a.invoked(), b.invoked()));
        for (int attempt = 0; attempt < 20 * gets.size(); attempt++) {
            Sim get = gets.get(random.nextInt(gets.size()));
            String[] tokens = tokens(observed.get(get));
            String changed = switch (random.nextInt(3)) {
                case 0 -> lost(tokens, writer, random);
                case 1 -> reordered(tokens, writer, random);
                default -> stale(get, sims, observed, writer, random);
            };
            if (changed != null) {
                observed.put(get, changed);
                return;
            }
        }
        throw new IllegalStateException("found no get to carry a violation; generate more operations");
    }

    private static String lost(String[] t, Map<String, Sim> writer, SplittableRandom random) {
        int first = t.length > 0 && put(t[0], writer) ? 1 : 0;
        if (t.length - first < 2) {
            return null;
        }
        int a = first + random.nextInt(t.length - first - 1);
        Sim lost = writer.get(t[a]);
        boolean afterPut = first == 0 || writer.get(t[0]).returned() < lost.invoked();
        for (int b = a + 1; b < t.length && afterPut; b++) {
            if (lost.returned() < writer.get(t[b]).invoked()) {
                List<String> kept = new ArrayList<>(Arrays.asList(t));
                kept.remove(a);
                return String.join("", kept);
            }
        }
        return null;
    }

    private static String reordered(String[] t, Map<String, Sim> writer, SplittableRandom random) {
        int first = t.length > 0 && put(t[0], writer) ? 1 : 0;
        if (t.length - first < 2) {
            return null;
        }
        int a = first + random.nextInt(t.length - first - 1);
        if (writer.get(t[a]).returned() >= writer.get(t[a + 1]).invoked()) {
            return null;
        }
        String[] swapped = t.clone();
        swapped[a] = t[a + 1];
        swapped[a + 1] = t[a];
        return String.join("", swapped);
    }

    private static String stale(Sim get, List<Sim> sims, Map<Sim, String> observed, Map<String, Sim> writer,
                                SplittableRandom random) {
        List<String> older = new ArrayList<>();
        for (Map.Entry<Sim, String> e : observed.entrySet()) {
            if (e.getKey().key().equals(get.key()) && e.getKey().returned() < get.invoked()
                    && !e.getValue().equals(observed.get(get))) {
                older.add(e.getValue());
            }
        }
        if (older.isEmpty()) {
            return null;
        }
        older.sort(String::compareTo);
        String value = older.get(random.nextInt(older.size()));
        String[] t = tokens(value);
        long putReturned = t.length > 0 && put(t[0], writer) ? writer.get(t[0]).returned() : Long.MIN_VALUE;
        List<String> seen = Arrays.asList(t);
        for (Sim o : sims) {
            if (o.input() != null && o.key().equals(get.key()) && o.invoked() > putReturned
                    && o.returned() < get.invoked() && !seen.contains(o.input())) {
                return value;
            }
        }
        return null;
    }

    private static boolean put(String token, Map<String, Sim> writer) {
        return writer.get(token).f().equals("put");
    }

    /** A value's tokens: {@code "x 1 0 yx 2 0 y"} is {@code ["x 1 0 y", "x 2 0 y"]}. */
    static String[] tokens(String value) {
        return value.isEmpty() ? new String[0] : value.replace("yx", "y\nx").split("\n");
    }
}
