package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.internal.model.ValueRegister;
import io.chaoskeeper.history.Call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Polynomial-time contradictions for registers whose written values are unique (Gibbons &amp; Korach; Elle's
 * "who read from whom"). When every value is written by at most one call, a read of {@code v} must be linearized
 * after the one write of {@code v} and before anything that certainly replaced it, so these are certain violations:
 * <ul>
 *   <li>a read of a value no call wrote (and not the initial value);</li>
 *   <li>a read that ended before the write of its value began;</li>
 *   <li>a stale read: its write completed, then a call that certainly wrote another value ran entirely after it and
 *       completed before the read began (for the initial value: any certain write completed before the read).</li>
 * </ul>
 * Indeterminate writers are never "certain" and an indeterminate write of {@code v} may take effect any time after
 * its invocation, so nothing here is unsound under the indeterminate-call rules. Finding nothing proves nothing:
 * the full search still runs.
 */
public final class UniqueValues {

    private UniqueValues() {
    }

    /** The first certain contradiction, or null if none is found or values are not unique. */
    public static Outcome.Counterexample find(ValueRegister register, List<Call> calls,
                                              java.util.function.Function<Call, String> describe) {
        Map<Object, Integer> writerOf = new HashMap<>();
        List<Integer> certain = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Object v = register.written(calls.get(i));
            if (v == ValueRegister.NONE) {
                continue;
            }
            if (Objects.equals(v, register.initialValue()) || writerOf.put(v, i) != null) {
                return null; // not unique: who-read-from-whom is ambiguous
            }
            if (!calls.get(i).isIndeterminate()) {
                certain.add(i);
            }
        }
        // Certain writes by invocation; suffixMin[k] = the earliest-completing write among certain[k..].
        certain.sort((a, b) -> Long.compare(calls.get(a).invoke().index(), calls.get(b).invoke().index()));
        int k = certain.size();
        long[] invokedAt = new long[k];
        int[] suffixMin = new int[k + 1];
        suffixMin[k] = -1;
        for (int j = k - 1; j >= 0; j--) {
            invokedAt[j] = calls.get(certain.get(j)).invoke().index();
            int here = certain.get(j);
            int later = suffixMin[j + 1];
            suffixMin[j] = later < 0 || end(calls.get(here)) < end(calls.get(later)) ? here : later;
        }
        for (int r = 0; r < calls.size(); r++) {
            Call read = calls.get(r);
            Object v = register.observed(read);
            if (v == ValueRegister.NONE) {
                continue;
            }
            long began = read.invoke().index();
            Integer w = writerOf.get(v);
            if (w == null && !Objects.equals(v, register.initialValue())) {
                return found(calls, r, List.of(), describe.apply(read) + " (event " + began
                        + ") saw a value that no operation wrote", List.of());
            }
            if (w != null && calls.get(w).invoke().index() > end(read)) {
                return found(calls, r, List.of(w), describe.apply(read) + " (event " + began + ") saw a value"
                        + " whose write (event " + calls.get(w).invoke().index() + ") began after the read ended",
                        List.of());
            }
            long after = w == null ? -1 : calls.get(w).isIndeterminate() ? Long.MAX_VALUE : end(calls.get(w));
            if (after == Long.MAX_VALUE) {
                continue;
            }
            int from = upperBound(invokedAt, after);
            int o = suffixMin[from];
            if (o >= 0 && end(calls.get(o)) < began) {
                Call over = calls.get(o);
                String overwrite = describe.apply(over) + " (event " + over.invoke().index() + ")";
                String message = describe.apply(read) + " (event " + began + ") read a stale value: "
                        + (w == null ? "" : describe.apply(calls.get(w)) + " (event "
                        + calls.get(w).invoke().index() + ") was replaced by ")
                        + overwrite + (w == null ? " had replaced the initial value" : "")
                        + " before the read began";
                return found(calls, r, w == null ? List.of(o) : List.of(w, o), message,
                        List.of(String.valueOf(register.written(over)) + " or a later value"));
            }
        }
        return null;
    }

    private static long end(Call c) {
        return c.isIndeterminate() ? Long.MAX_VALUE : c.completion().index();
    }

    /** The first position whose value is greater than {@code key}. */
    private static int upperBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i] == key) {
            i++;
        }
        return i;
    }

    private static Outcome.Counterexample found(List<Call> calls, int r, List<Integer> prefix, String message,
                                                List<String> states) {
        Call read = calls.get(r);
        List<Integer> concurrent = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            if (i != r && c.invoke().index() < end(read) && end(c) > read.invoke().index()) {
                concurrent.add(i);
            }
        }
        return new Outcome.Counterexample(message, prefix, r, concurrent, states);
    }
}
