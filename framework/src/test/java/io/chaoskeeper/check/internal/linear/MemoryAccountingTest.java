package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.check.internal.SimulatedKv;
import io.chaoskeeper.history.Call;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the search's structures charge is what they hold: each is filled, then the bytes reachable from it are
 * counted independently ({@link #retained}, HotSpot's layout with compressed references) and compared with what it
 * charged to its {@link Account}. Never less (the budget would not bind), and not much more (it would stop
 * searches that fit).
 */
class MemoryAccountingTest {

    private static final long FAR = Long.MAX_VALUE / 4;

    @Test
    void theMemoChargesItsPagesAndBuckets() {
        Account account = new Account(new Budget(System.nanoTime() + FAR, Long.MAX_VALUE));
        Memo memo = new Memo(account, 3, 1);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            long[] det = {random.nextLong(), random.nextLong(), random.nextLong()};
            assertThat(memo.add(det, new long[] {random.nextLong()}, random.nextLong(), random.nextInt(100)))
                    .isTrue();
        }
        assertCharged(account, memo);
    }

    @Test
    void internedStatesAreChargedWithTheirCharactersOnce() {
        Account account = new Account(new Budget(System.nanoTime() + FAR, Long.MAX_VALUE));
        States<String> states = new States<>(account);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            String s = "x".repeat(random.nextInt(300)) + i + (i % 10 == 0 ? "λ" : ""); // some need two bytes a char
            assertThat(states.intern(s)).isEqualTo(i);
            assertThat(states.intern(new String(s))).isEqualTo(i); // an equal state is not charged again
        }
        assertCharged(account, states);
    }

    @Test
    void aBoundedCacheChargesItsCapacityAndStopsGrowing() {
        Account account = new Account(new Budget(System.nanoTime() + FAR, Long.MAX_VALUE));
        LongIntCache cache = new LongIntCache(account, 1 << 12);
        for (long k = 0; k < 100_000; k++) {
            cache.put(k * 7919, (int) k);
            assertThat(cache.get(k * 7919, -1)).isEqualTo((int) k); // the one stored last is always kept
        }
        assertCharged(account, cache);
        assertThat(account.kept()).isLessThan(64 << 10);
    }

    @Test
    void aSearchKeepsNoMoreThanItChargedAndGivesItBackWhenItEnds() {
        @SuppressWarnings("unchecked")
        Model<Object> kv = (Model<Object>) Models.kv();
        // one key of a 50-client history whose search keeps some 50 MB at its peak
        List<Call> calls = new SimulatedKv(2000, 50, 10, false, 2).generate().calls().stream()
                .filter(c -> c.invoke().key().equals("4")).toList();
        Budget budget = new Budget(System.nanoTime() + FAR, Long.MAX_VALUE);
        Search<Object> search = new Search<>(kv, calls, budget);
        assertThat(search.run().verdict()).isEqualTo(io.chaoskeeper.check.Verdict.VALID);
        assertThat(budget.charged().get()).isZero();
        // the states, transitions and per-call arrays are still held; the memo was held with them at the peak
        assertThat(budget.peak().get()).isGreaterThan(retained(search));
    }

    @Test
    void searchesMayKeepFortyPercentOfTheBudgetTheRestIsTheCollectorsRoom() {
        Budget budget = new Budget(System.nanoTime() + FAR, 1 << 20);
        Account account = new Account(budget);
        account.charge(400 << 10);
        assertThatThrownBy(() -> account.charge(100 << 10)).isInstanceOf(Budget.Exhausted.class)
                .hasMessage("the memory limit of 1 MiB ran out before the search finished (raise it with"
                        + " withMemoryLimit)");
        account.close();
        assertThat(budget.charged().get()).isZero();
    }

    /** What {@code structure} charged covers what it holds, give or take its own object and 1%. */
    private static void assertCharged(Account account, Object structure) {
        long held = retained(structure);
        assertThat(account.kept()).as("charged vs held %d", held).isGreaterThanOrEqualTo(held - 64)
                .isLessThanOrEqualTo(held + held / 100 + 64);
    }

    /**
     * The bytes reachable from {@code root} through arrays, strings and the search's own classes (not the budget or
     * account, the model, or the calls, which the search does not own): 12-byte headers, 16-byte array headers,
     * 4-byte references, objects padded to 8 bytes.
     */
    static long retained(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(List.of(root));
        long bytes = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            Class<?> type = o.getClass();
            if (o instanceof String s) {
                boolean latin1 = s.chars().allMatch(c -> c <= 0xFF);
                bytes += 24 + align(16 + (long) s.length() * (latin1 ? 1 : 2));
            } else if (type.isArray()) {
                int length = Array.getLength(o);
                Class<?> component = type.getComponentType();
                bytes += align(16 + (long) length * bytesOf(component));
                if (!component.isPrimitive()) {
                    for (int i = 0; i < length; i++) {
                        Object element = Array.get(o, i);
                        if (element != null && owned(element)) {
                            todo.push(element);
                        }
                    }
                }
            } else {
                long size = 12;
                for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers())) {
                            continue;
                        }
                        size += bytesOf(f.getType());
                        if (!f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            Object value = read(f, o);
                            if (value != null && owned(value)) {
                                todo.push(value);
                            }
                        }
                    }
                }
                bytes += align(size);
            }
        }
        return bytes;
    }

    private static boolean owned(Object o) {
        return o instanceof String || o.getClass().isArray()
                || o.getClass().getPackageName().equals(Search.class.getPackageName())
                && !(o instanceof Account) && !(o instanceof Budget);
    }

    private static Object read(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static long bytesOf(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        return type == byte.class || type == boolean.class ? 1 : 4;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
