package io.chaoskeeper.history.format;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.format.internal.EdnHistories;
import io.chaoskeeper.history.format.internal.JepsenLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The history file formats chaoskeeper reads, each with the {@link Rules} its source used to decide its verdicts.
 *
 * <p>The rules are part of the format: the same events read under Knossos' rules (a failed cas did not happen,
 * registers start at 0, a nil read matches anything) and under the etcd log's rules (a failed cas observed that the
 * value was not {@code from}, registers start at nil) can get opposite verdicts. Models take the rules from here.
 *
 * <pre>{@code
 * HistoryFormat format = HistoryFormat.detect(file);
 * History history = format.read(file);
 * Model<?> model = Models.named("cas-register", format.rules());
 * }</pre>
 */
public enum HistoryFormat {

    /** chaoskeeper's own JSON Lines ({@link JsonLines}); failures with a server error code are observations. */
    JSONL("jsonl", Rules.CHAOSKEEPER),
    /** Jepsen/Knossos EDN op maps (a vector or list, or one map a line), under Knossos' rules. */
    KNOSSOS_EDN("edn", new Rules(0L, false, true)),
    /** Jepsen log lines ({@code INFO  jepsen.util - 3\t:ok\t:cas\t[1 2]}) as in Porcupine's etcd data. */
    JEPSEN_LOG("jepsen-log", new Rules(null, true, false)),
    /** Porcupine's key-value EDN lines ({@code :f :get|:put|:append} with {@code :key}). */
    PORCUPINE_KV("porcupine-kv", new Rules(null, false, false));

    /**
     * How a source's histories are to be interpreted.
     *
     * @param initialValue      the value a register holds before any write (null: empty)
     * @param failuresObserve   a {@code fail} that a model marks as an observation (a failed cas, an empty dequeue)
     *                          tells what the state was at its linearization point; otherwise fails are dropped
     * @param nilReadMatchesAny a read that returned nil means "value unknown" and constrains nothing
     */
    public record Rules(Object initialValue, boolean failuresObserve, boolean nilReadMatchesAny) {
        /** chaoskeeper's own rules (the default). */
        public static final Rules CHAOSKEEPER = new Rules(null, true, false);
    }

    private static final int SNIFF_BYTES = 64 * 1024;

    private final String wireName;
    private final Rules rules;

    HistoryFormat(String wireName, Rules rules) {
        this.wireName = wireName;
        this.rules = rules;
    }

    /** The name used by {@code --format}. */
    public String wireName() {
        return wireName;
    }

    /** How this source's histories are interpreted. */
    public Rules rules() {
        return rules;
    }

    /**
     * The format named {@code name} (as {@code --format} takes it).
     *
     * @throws IllegalArgumentException with one sentence listing the known names
     */
    public static HistoryFormat named(String name) {
        for (HistoryFormat f : values()) {
            if (f.wireName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown history format '" + name + "'; known formats: " + names());
    }

    /** The known format names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(HistoryFormat::wireName).collect(Collectors.joining(", "));
    }

    /**
     * Reads a history file in this format, checking its structure as checkers need it (see
     * {@link JsonLines#readWellFormed}).
     *
     * @throws HistoryFormatException one sentence naming the file and, where known, the line
     */
    public History read(Path file) {
        if (this == JSONL) {
            return JsonLines.readWellFormed(file);
        }
        return parse(file.toString(), readText(file));
    }

    /** Reads a history from text in this format; {@code source} names it in error messages. */
    public History parse(String source, String text) {
        return switch (this) {
            case JSONL -> {
                try {
                    yield JsonLines.read(source, new java.io.BufferedReader(new java.io.StringReader(text)));
                } catch (IOException e) {
                    throw new HistoryFormatException(source + ": cannot read the history (" + e.getMessage() + ")", e);
                }
            }
            case KNOSSOS_EDN, PORCUPINE_KV -> EdnHistories.parse(source, text);
            case JEPSEN_LOG -> JepsenLog.parse(source, text);
        };
    }

    /**
     * Tells a file's format from its first lines.
     *
     * @throws HistoryFormatException if the file cannot be read or looks like none of the formats
     */
    public static HistoryFormat detect(Path file) {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return detect(file.toString(), new String(head, StandardCharsets.UTF_8));
    }

    /** Tells the format of a history's text from its beginning; {@code source} names it in error messages. */
    public static HistoryFormat detect(String source, String text) {
        String first = null;
        for (String line : text.lines().limit(200).toList()) {
            String t = line.strip();
            if (JepsenLog.isEventLine(line)) {
                return JEPSEN_LOG;
            }
            if (first == null && !t.isEmpty() && !t.startsWith(";")) {
                first = t;
            }
        }
        if (first == null) {
            throw new HistoryFormatException(source + ": the history is empty");
        }
        if (first.startsWith("{\"")) {
            return JSONL;
        }
        if (first.startsWith("[") || first.startsWith("(")) {
            return KNOSSOS_EDN;
        }
        if (first.startsWith("{:") || first.startsWith("{ :")) {
            return first.matches(".*:f\\s+:(get|put|append)\\b.*") ? PORCUPINE_KV : KNOSSOS_EDN;
        }
        throw new HistoryFormatException(source + ": cannot tell the history format from its first line; name it with"
                + " --format (" + names() + ")");
    }

    /** Reads a file of any known format, detecting which. */
    public static History readAny(Path file) {
        return detect(file).read(file);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static HistoryFormatException unreadable(Path file, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                : e.getClass().getSimpleName().replaceAll("Exception$", "").toLowerCase(Locale.ROOT) + ": "
                + e.getMessage();
        return new HistoryFormatException(file + ": cannot read the history file (" + why + ")", e);
    }
}
