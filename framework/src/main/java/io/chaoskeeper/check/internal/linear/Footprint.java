package io.chaoskeeper.check.internal.linear;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Byte sizes of what the search keeps, as HotSpot lays objects out on a 64-bit JVM with compressed references (the
 * default below 32 GiB of heap): 12-byte object headers, 16-byte array headers, 4-byte references, every object
 * padded to 8 bytes.
 */
final class Footprint {

    /** An object of unknown shape: a header and a few fields. */
    private static final long OPAQUE = 32;
    /** Beyond this depth of records in records, objects count as opaque (deep states are rare and bounded). */
    private static final int MAX_DEPTH = 4;

    /** Looked up once per record class: reflection is slow next to the search's steps. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            List<Method> references = new ArrayList<>();
            for (RecordComponent c : components) {
                if (!c.getType().isPrimitive()) {
                    Method accessor = c.getAccessor();
                    references.add(accessor.trySetAccessible() ? accessor : null);
                }
            }
            return new Shape(align(12 + 8L * components.length), references.toArray(new Method[0]));
        }
    };

    private Footprint() {
    }

    /** An array of {@code length} elements of {@code elementBytes} each (references take 4). */
    static long array(int elementBytes, long length) {
        return align(16 + elementBytes * length);
    }

    /**
     * About what an interned model state keeps beyond what the history already holds: a string's characters (a kv
     * state is built by appends, so they are its own), a collection's or map's slots and nodes (its elements are
     * values the history's calls carry, so they are shared and not counted), a record's fields and what they own.
     */
    static long state(Object state) {
        return of(state, 0);
    }

    private static long of(Object o, int depth) {
        if (o == null) {
            return 0;
        }
        if (o instanceof String s) {
            return string(s);
        }
        if (o instanceof CharSequence s) { // a builder: its array holds at least its length in chars
            return 24 + array(2, s.length());
        }
        if (o instanceof Collection<?> c) {
            return 48 + perElement(c) * c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return 64 + 40L * m.size(); // a hash or tree map node (32-40) and a table slot
        }
        if (o instanceof long[] a) {
            return array(8, a.length);
        }
        if (o instanceof int[] a) {
            return array(4, a.length);
        }
        if (o instanceof byte[] a) {
            return array(1, a.length);
        }
        if (o instanceof Object[] a) {
            return array(4, a.length);
        }
        if (o.getClass().isRecord() && depth < MAX_DEPTH) {
            return record((Record) o, depth);
        }
        return o instanceof Long || o instanceof Double ? 24 : o instanceof Number ? 16 : OPAQUE;
    }

    /**
     * A collection's bytes an element: a node (and a table slot) for hash sets, tree sets and linked lists, two
     * 4-byte slots for the immutable sets of {@code Set.of} (a table twice the size), one and a half for an
     * array-backed list (an {@code ArrayList} grows by half).
     */
    private static long perElement(Collection<?> c) {
        if (c instanceof HashSet<?> || c instanceof TreeSet<?> || c instanceof LinkedList<?>) {
            return 40;
        }
        return c instanceof Set<?> ? 8 : 6;
    }

    /** A string: its object (24 bytes) and its byte array, one byte a character unless one needs two. */
    private static long string(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return 24 + array(2, n);
            }
        }
        return 24 + array(1, n);
    }

    private static long record(Record r, int depth) {
        Shape shape = SHAPES.get(r.getClass());
        long bytes = shape.bytes;
        for (Method accessor : shape.references) {
            try {
                bytes += accessor == null ? OPAQUE : of(accessor.invoke(r), depth + 1);
            } catch (ReflectiveOperationException | RuntimeException e) {
                bytes += OPAQUE; // an accessor that cannot be called here: count a small object
            }
        }
        return bytes;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** A record class's own bytes and the accessors of its reference components (null: not accessible). */
    private record Shape(long bytes, Method[] references) {
    }
}
