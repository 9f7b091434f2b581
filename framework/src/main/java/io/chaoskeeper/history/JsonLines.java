package io.chaoskeeper.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.chaoskeeper.history.internal.WellFormed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history file format: JSON Lines, one {@link Operation} a line. This is the contract between recorders,
 * checkers and reports.
 *
 * <pre>{"index":0,"type":"invoke","process":0,"f":"cas","value":[1,2],"time":1234,"key":"r1"}</pre>
 *
 * <p>Fields {@code index}, {@code type}, {@code process}, {@code f} and {@code time} are required;
 * {@code process} is a number or {@code "nemesis"}. Unknown fields are kept in {@link Operation#extra()}.
 * Readers reject a history whose indexes do not strictly increase from line to line, whose process invokes while
 * its previous operation is open, or completes an operation it never invoked.
 */
public final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLines() {
    }

    /**
     * Streams operations to a byte stream, one line each, through a single reused generator (much cheaper than
     * {@link #toLine} per operation). Not thread-safe: one writer thread owns it.
     */
    public static final class LineWriter implements java.io.Closeable, java.io.Flushable {

        private final JsonGenerator g;

        /** Writes UTF-8 lines to {@code out}; closing this closes it. */
        public LineWriter(java.io.OutputStream out) throws IOException {
            g = JSON.createGenerator(out);
            g.setRootValueSeparator(null);
        }

        /** Writes one operation and a newline (buffered until {@link #flush}). */
        public void write(Operation op) throws IOException {
            JsonLines.write(g, op);
            g.writeRaw('\n');
        }

        /** Hands everything written so far to the operating system. */
        @Override
        public void flush() throws IOException {
            g.flush();
        }

        @Override
        public void close() throws IOException {
            g.close();
        }
    }

    /** One operation as a JSON line, without the trailing newline. */
    public static String toLine(Operation op) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, op);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes one operation and a newline. */
    public static void write(Writer out, Operation op) throws IOException {
        out.write(toLine(op));
        out.write('\n');
    }

    /** Writes a whole history to a file, replacing it. */
    public static void write(Path file, History history) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Operation op : history.operations()) {
                write(out, op);
            }
        }
    }

    private static void write(JsonGenerator g, Operation op) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", op.index());
        g.writeStringField("type", op.type().wireName());
        if (op.isNemesis()) {
            g.writeStringField("process", "nemesis");
        } else {
            g.writeNumberField("process", op.process());
        }
        g.writeStringField("f", op.f());
        if (op.value() != null) {
            g.writeFieldName("value");
            writeValue(g, op.value());
        }
        g.writeNumberField("time", op.time());
        if (op.key() != null) {
            g.writeStringField("key", op.key());
        }
        if (op.node() != null) {
            g.writeStringField("node", op.node());
        }
        if (op.error() != null) {
            g.writeStringField("error", op.error());
        }
        if (op.zxid() != null) {
            g.writeNumberField("zxid", op.zxid());
        }
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    /**
     * Reads a history file. Blank lines are skipped. A last line that has no newline and does not parse is the
     * torn tail of a recorder killed mid-write: it is skipped with a warning on {@link System.Logger}.
     *
     * @throws HistoryFormatException naming the file and line of the first malformed line
     */
    public static History read(Path file) {
        return read(file, warning -> System.getLogger(JsonLines.class.getName())
                .log(System.Logger.Level.WARNING, warning));
    }

    /**
     * Reads a history file like {@link #read(Path)}, telling {@code warnings} about a skipped torn last line.
     *
     * @throws HistoryFormatException naming the file and line of the first malformed line
     */
    public static History read(Path file, java.util.function.Consumer<String> warnings) {
        return read(file, warnings, false);
    }

    /**
     * Reads a history file like {@link #read(Path)} and also checks its structure, as checkers need it: indexes
     * strictly increase from line to line, a process invokes only once its previous operation completed and
     * completes only what it invoked. (A recorder's file is read back with {@link #read(Path)}, which stores
     * whatever was recorded.)
     *
     * @throws HistoryFormatException naming the file and line of the first malformed or misplaced line
     */
    public static History readWellFormed(Path file) {
        return read(file, warning -> System.getLogger(JsonLines.class.getName())
                .log(System.Logger.Level.WARNING, warning), true);
    }

    private static History read(Path file, java.util.function.Consumer<String> warnings, boolean wellFormed) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Operation> ops = new ArrayList<>();
            String line;
            HistoryFormatException torn = null;
            WellFormed structure = wellFormed ? new WellFormed(file.toString()) : null;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (torn != null) {
                    throw torn; // a malformed line with lines after it is not a torn tail
                }
                if (line.isBlank()) {
                    continue;
                }
                Operation op;
                try {
                    op = parseLine(file.toString(), lineNo, line);
                } catch (HistoryFormatException e) {
                    torn = e;
                    continue;
                }
                ops.add(structure == null ? op : structure.accept(lineNo, op)); // never a torn tail
            }
            if (torn != null) {
                if (endsWithNewline(file)) {
                    throw torn;
                }
                warnings.accept(file + ":" + lineNo + ": skipped a torn last line (the recorder was killed while "
                        + "writing it)");
            }
            return History.of(ops);
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot read the history file (" + e.getMessage() + ")", e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            if (ch.size() == 0) {
                return true;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /**
     * Reads a history from lines and checks its structure like {@link #readWellFormed}; {@code source} names it in
     * error messages.
     */
    public static History read(String source, BufferedReader in) throws IOException {
        List<Operation> ops = new ArrayList<>();
        WellFormed structure = new WellFormed(source);
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) {
                ops.add(structure.accept(lineNo, parseLine(source, lineNo, line)));
            }
        }
        return History.of(ops);
    }

    /**
     * Parses one line.
     *
     * @throws HistoryFormatException with {@code source:line: problem}
     */
    public static Operation parseLine(String source, long lineNo, String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw HistoryFormatException.at(source, lineNo, "expected a JSON object");
            }
            Long index = null;
            Long time = null;
            Long process = null;
            Operation.Type type = null;
            String f = null;
            String key = null;
            String node = null;
            String error = null;
            Long zxid = null;
            Object value = null;
            Map<String, Object> extra = null; // most lines have no extra field: no map for them
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "index" -> index = longField(p, source, lineNo, field);
                    case "time" -> time = longField(p, source, lineNo, field);
                    case "zxid" -> zxid = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : longField(p, source, lineNo, field);
                    case "process" -> process = processField(p, source, lineNo);
                    case "type" -> {
                        String t = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                        type = t == null ? null : Operation.Type.fromWireName(t);
                        if (type == null) {
                            throw HistoryFormatException.at(source, lineNo,
                                    "\"type\" must be one of invoke, ok, fail, info");
                        }
                    }
                    case "f" -> f = stringField(p, source, lineNo, field);
                    case "key" -> key = nullableString(p, source, lineNo, field);
                    case "node" -> node = nullableString(p, source, lineNo, field);
                    case "error" -> error = p.currentToken() == JsonToken.VALUE_STRING || p.currentToken()
                            == JsonToken.VALUE_NULL ? p.getValueAsString() : String.valueOf(readValue(p));
                    case "value" -> value = readValue(p);
                    default -> {
                        extra = extra == null ? new LinkedHashMap<>() : extra;
                        extra.put(field, readValue(p));
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw HistoryFormatException.at(source, lineNo, "unexpected content after the JSON object");
            }
            String missing = index == null ? "index" : type == null ? "type" : process == null ? "process"
                    : f == null ? "f" : time == null ? "time" : null;
            if (missing != null) {
                throw HistoryFormatException.at(source, lineNo, "missing field \"" + missing + "\"");
            }
            return new Operation(index, type, process, f, value, time, key, node, error, zxid,
                    extra == null ? Map.of() : extra);
        } catch (JsonProcessingException e) {
            throw HistoryFormatException.at(source, lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw HistoryFormatException.at(source, lineNo, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static long longField(JsonParser p, String source, long lineNo, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw HistoryFormatException.at(source, lineNo, "\"" + field + "\" must be an integer");
        }
        return p.getLongValue();
    }

    private static long processField(JsonParser p, String source, long lineNo) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING && "nemesis".equals(p.getText())) {
            return Operation.NEMESIS;
        }
        long process = longField(p, source, lineNo, "process");
        if (process < 0) {
            throw HistoryFormatException.at(source, lineNo, "\"process\" must be a non-negative integer or \"nemesis\"");
        }
        return process;
    }

    private static String stringField(JsonParser p, String source, long lineNo, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw HistoryFormatException.at(source, lineNo, "\"" + field + "\" must be a string");
        }
        return p.getText();
    }

    private static String nullableString(JsonParser p, String source, long lineNo, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : stringField(p, source, lineNo, field);
    }

    private static Object readValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> p.getText();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p));
                }
                yield map;
            }
            default -> throw new JsonParseProblem("unexpected " + p.currentToken());
        };
    }

    /** Internal signal for a token that no value can start with. */
    private static final class JsonParseProblem extends IOException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(String message) {
            super(message);
        }
    }
}
