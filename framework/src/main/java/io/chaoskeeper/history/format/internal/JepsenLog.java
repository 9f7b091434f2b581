package io.chaoskeeper.history.format.internal;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.internal.WellFormed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Jepsen's log lines, one event a line: {@code INFO  jepsen.util - <process>\t:<type>\t:<f>\t<value>}.
 * Fields are separated by any run of blanks (tabs, or spaces as in some etcd logs), as Porcupine accepts them.
 * Other lines are noise and skipped. On a {@code fail} or {@code info} line a keyword in the value column is the
 * error (e.g. {@code :timed-out}), not a value.
 */
public final class JepsenLog {

    private static final Pattern EVENT = Pattern.compile(
            "jepsen\\.util[ \\t]+-[ \\t]+(\\S+)[ \\t]+:(\\w+)[ \\t]+:([\\w.+*?!-]+)(?:[ \\t]+(.*))?$");
    private static final String MARK = "jepsen.util";

    private JepsenLog() {
    }

    /** True for a line that holds an event. */
    public static boolean isEventLine(String line) {
        return line.contains(MARK) && EVENT.matcher(line).find();
    }

    /** Parses the text; {@code source} names it in error messages. */
    public static History parse(String source, String text) {
        List<Operation> ops = new ArrayList<>();
        WellFormed structure = new WellFormed(source);
        long lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            Matcher m = line.contains(MARK) ? EVENT.matcher(line) : null;
            if (m == null || !m.find()) {
                continue;
            }
            Operation.Type type = Operation.Type.fromWireName(m.group(2));
            if (type == null) {
                throw HistoryFormatException.at(source, lineNo, "'" + m.group(2) + "' is not one of :invoke, :ok,"
                        + " :fail, :info");
            }
            Object process = m.group(1).startsWith(":") ? m.group(1).substring(1) : number(source, lineNo, m.group(1));
            Object value = null;
            String error = null;
            String column = m.group(4) == null ? "" : m.group(4).strip();
            if (!column.isEmpty()) {
                try {
                    Edn edn = new Edn(column);
                    value = edn.read();
                    if (!edn.atEnd()) {
                        throw HistoryFormatException.at(source, lineNo, "unexpected text after the value");
                    }
                } catch (Edn.SyntaxError e) {
                    throw HistoryFormatException.at(source, lineNo, "the value is not valid EDN (" + e.getMessage()
                            + ")");
                }
                if (type != Operation.Type.INVOKE && type != Operation.Type.OK && column.startsWith(":")) {
                    error = (String) value;
                    value = null;
                }
            }
            long index = ops.size();
            ops.add(structure.accept(lineNo, new Operation(index, type, EdnHistories.process(source, lineNo, process),
                    m.group(3), value, index, null, null, error, null, Map.of())));
        }
        if (ops.isEmpty()) {
            throw new HistoryFormatException(source + ": no Jepsen log event lines found");
        }
        return History.of(ops);
    }

    private static Object number(String source, long line, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HistoryFormatException.at(source, line, "the process '" + text + "' is not a number or :nemesis");
        }
    }
}
