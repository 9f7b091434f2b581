package io.chaoskeeper.history;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exports a history as Jepsen EDN ({@code history.edn}), one op map a line, so Knossos and Elle users can
 * cross-check a run: {@code {:index 0, :type :invoke, :process 0, :f :cas, :value [1 2], :time 1234, :key "r1"}}.
 *
 * <p>{@code type} and {@code f} are keywords, the nemesis process is {@code :nemesis}, lists are vectors, map keys
 * that are valid keyword names become keywords (Jepsen's convention), others stay strings.
 */
public final class Edn {

    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*");

    private Edn() {
    }

    /** Writes the whole history to a file, replacing it. */
    public static void write(Path file, History history) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Operation op : history.operations()) {
                out.write(toEdn(op));
                out.write('\n');
            }
        }
    }

    /** One operation as an EDN map. */
    public static String toEdn(Operation op) {
        StringBuilder b = new StringBuilder(128).append("{:index ").append(op.index())
                .append(", :type :").append(op.type().wireName())
                .append(", :process ").append(op.isNemesis() ? ":nemesis" : Long.toString(op.process()))
                .append(", :f ").append(keywordOrString(op.f()))
                .append(", :value ");
        value(b, op.value());
        b.append(", :time ").append(op.time());
        field(b, "key", op.key());
        field(b, "node", op.node());
        if (op.error() != null) {
            b.append(", :error ").append(keywordOrString(op.error()));
        }
        field(b, "zxid", op.zxid());
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            b.append(", ");
            key(b, e.getKey());
            b.append(' ');
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, Object v) {
        if (v != null) {
            b.append(", :").append(name).append(' ');
            value(b, v);
        }
    }

    private static String keywordOrString(String s) {
        return KEYWORD.matcher(s).matches() ? ":" + s : quote(s);
    }

    private static void key(StringBuilder b, String k) {
        b.append(keywordOrString(k));
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("nil");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                value(b, list.get(i));
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                key(b, String.valueOf(e.getKey()));
                b.append(' ');
                value(b, e.getValue());
            }
            b.append('}');
        } else {
            b.append(quote(v.toString()));
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
