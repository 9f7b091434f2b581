package io.chaoskeeper.report;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static final Pattern MAP = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern ENTRY = Pattern.compile(
            ":([\\w?-]+)\\s+(\\[[^\\]]*]|\"[^\"]*\"|:[\\w-]+|nil|-?\\d+)");

    private EdnFixture() {
    }

    static History read(Path file) throws IOException {
        String text = Files.readString(file).replaceAll(";[^\\n]*", "");
        List<Operation> ops = new ArrayList<>();
        Matcher m = MAP.matcher(text);
        while (m.find()) {
            Map<String, Object> fields = new java.util.HashMap<>();
            Matcher e = ENTRY.matcher(m.group(1));
            while (e.find()) {
                fields.put(e.group(1), value(e.group(2)));
            }
            long index = ops.size();
            Object process = fields.get("process");
            long time = fields.get("time") instanceof Long t ? t : index * 1_000_000L;
            ops.add(new Operation(index, Operation.Type.fromWireName((String) fields.get("type")),
                    process instanceof Long p ? p : Operation.NEMESIS, (String) fields.get("f"), fields.get("value"),
                    time, (String) fields.get("key"), null, (String) fields.get("error"), null, Map.of()));
        }
        return History.of(ops);
    }

    private static Object value(String token) {
        if (token.equals("nil")) {
            return null;
        }
        if (token.startsWith(":")) {
            return token.substring(1);
        }
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        if (token.startsWith("[")) {
            List<Object> items = new ArrayList<>();
            for (String item : token.substring(1, token.length() - 1).trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    items.add(value(item));
                }
            }
            return items;
        }
        return Long.parseLong(token);
    }
}
