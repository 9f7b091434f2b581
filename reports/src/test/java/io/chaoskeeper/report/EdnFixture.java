package io.chaoskeeper.report;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in reader for the flat Jepsen op maps of the shared Knossos and Porcupine fixtures, only so report tests
 * can render them until the real EDN parser lands. Events are indexed in file order (as Knossos does when
 * {@code :index} is absent); without {@code :time}, event i happens at i ms.
 */
final class EdnFixture {

    static final Path ROOT = Path.of("..", "..", "shared", "fixtures").toAbsolutePath().normalize();

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|;[^\\n]*|[\\[\\]{}()]|[^\\s,\\[\\]{}()\"]+");

    private EdnFixture() {
    }

    static History read(Path file) throws IOException {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(Files.readString(file));
        while (m.find()) {
            if (!m.group().startsWith(";")) {
                tokens.add(m.group());
            }
        }
        List<Operation> ops = new ArrayList<>();
        int[] at = {0};
        while (at[0] < tokens.size()) {
            if (tokens.get(at[0]).equals("{")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) value(tokens, at);
                ops.add(op(ops.size(), fields));
            } else {
                at[0]++;
            }
        }
        return History.of(ops);
    }

    private static Operation op(long index, Map<String, Object> fields) {
        Object process = fields.get("process");
        long time = fields.get("time") instanceof Long t ? t : index * 1_000_000L;
        Object error = fields.get("error");
        return new Operation(index, Operation.Type.fromWireName((String) fields.get("type")),
                process instanceof Long p ? p : Operation.NEMESIS, (String) fields.get("f"), fields.get("value"),
                time, (String) fields.get("key"), null, error == null ? null : String.valueOf(error), null, Map.of());
    }

    /** The value starting at tokens[at], advancing past it. */
    private static Object value(List<String> tokens, int[] at) {
        String t = tokens.get(at[0]++);
        switch (t) {
            case "{" -> {
                Map<String, Object> map = new HashMap<>();
                while (!tokens.get(at[0]).equals("}")) {
                    Object key = value(tokens, at);
                    map.put(String.valueOf(key), value(tokens, at));
                }
                at[0]++;
                return map;
            }
            case "[", "(" -> {
                List<Object> items = new ArrayList<>();
                while (!tokens.get(at[0]).equals("]") && !tokens.get(at[0]).equals(")")) {
                    items.add(value(tokens, at));
                }
                at[0]++;
                return items;
            }
            case "nil" -> {
                return null;
            }
            default -> {
                if (t.startsWith(":")) {
                    return t.substring(1);
                }
                if (t.startsWith("\"")) {
                    return t.substring(1, t.length() - 1).replace("\\\"", "\"");
                }
                return t.matches("-?\\d+") ? (Object) Long.parseLong(t) : t;
            }
        }
    }
}
