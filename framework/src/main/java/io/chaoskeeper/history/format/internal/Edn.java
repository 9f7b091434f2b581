package io.chaoskeeper.history.format.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the EDN subset Jepsen histories use: nil, booleans, integers, decimals, strings, characters,
 * keywords and symbols (read as strings without the colon), vectors and lists (read as {@link List}), sets (read as
 * {@link List}), maps (keys as strings), {@code #_} discards, tagged literals (the tag is dropped), {@code ;}
 * comments and commas as white space.
 *
 * <p>Hand-written because the only EDN libraries on Maven Central are unmaintained or pull in Clojure; this one is a
 * recursive descent over a string that tracks the line for error messages.
 */
public final class Edn {

    /** Thrown for malformed EDN; {@link #line} is where it was found. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        /** The 1-based line of the problem. */
        public final long line;

        SyntaxError(long line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Marker returned at the end of a list/vector/map/set. */
    private static final Object CLOSE = new Object();
    /** Marker for a form consumed by {@code #_}. */
    private static final Object DISCARDED = new Object();
    private static final int MAX_DEPTH = 200;

    private final String text;
    private int pos;
    private long line = 1;
    private int depth;

    /** A reader over the whole text. */
    public Edn(String text) {
        this.text = text;
    }

    /** The line the reader is on (1-based). */
    public long line() {
        return line;
    }

    /** The line the next form starts on. */
    public long nextLine() {
        skipSpace();
        return line;
    }

    /** True when only white space and comments remain. */
    public boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    /** If the next form is a vector or list, consumes its opening bracket and returns true. */
    public boolean enterSequence() {
        skipSpace();
        if (pos < text.length() && (text.charAt(pos) == '[' || text.charAt(pos) == '(')) {
            pos++;
            depth++;
            return true;
        }
        return false;
    }

    /**
     * Reads the next element of a sequence entered with {@link #enterSequence}, or returns null at its closing
     * bracket.
     */
    public Object nextInSequence() throws SyntaxError {
        Object form;
        do {
            form = readForm(true);
        } while (form == DISCARDED);
        if (form == CLOSE) {
            depth--;
            return null;
        }
        return form;
    }

    /** Reads the next top-level form. */
    public Object read() throws SyntaxError {
        Object form;
        do {
            form = readForm(false);
        } while (form == DISCARDED);
        if (form == CLOSE) {
            throw error("unexpected closing bracket");
        }
        return form;
    }

    private Object readForm(boolean closeAllowed) throws SyntaxError {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '[', '(' -> {
                pos++;
                return readSeq(c == '[' ? ']' : ')');
            }
            case '{' -> {
                pos++;
                return readMap();
            }
            case ']', ')', '}' -> {
                if (!closeAllowed) {
                    throw error("unexpected " + show(c));
                }
                pos++;
                return CLOSE;
            }
            case '"' -> {
                return readString();
            }
            case ':' -> {
                pos++;
                String name = readToken();
                if (name.isEmpty()) {
                    throw error("a keyword needs a name after ':'");
                }
                return name;
            }
            case '\\' -> {
                pos++;
                if (pos >= text.length()) {
                    throw error("unexpected end of input after '\\'");
                }
                String token = readToken();
                return token.isEmpty() ? String.valueOf(text.charAt(pos++)) : charNamed(token);
            }
            case '#' -> {
                return readDispatch();
            }
            default -> {
                String token = readToken();
                if (token.isEmpty()) {
                    throw error("unexpected character " + show(c));
                }
                return atom(token);
            }
        }
    }

    private Object readDispatch() throws SyntaxError {
        pos++;
        if (pos >= text.length()) {
            throw error("unexpected end of input after '#'");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            return readSeq('}');
        }
        if (c == '_') {
            pos++;
            Object discarded = readForm(false);
            if (discarded == CLOSE) {
                throw error("nothing to discard after #_");
            }
            return DISCARDED;
        }
        String tag = readToken();
        if (tag.isEmpty()) {
            throw error("unsupported dispatch '#' then " + show(c));
        }
        return readForm(false);
    }

    private List<Object> readSeq(char close) throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos < text.length() && isClose(text.charAt(pos)) && text.charAt(pos) != close) {
                throw error("expected '" + close + "' but found " + show(text.charAt(pos)));
            }
            Object form = readForm(true);
            if (form == CLOSE) {
                depth--;
                return items;
            }
            if (form != DISCARDED) {
                items.add(form);
            }
        }
    }

    private Map<String, Object> readMap() throws SyntaxError {
        long startLine = line;
        List<Object> items = readSeq('}');
        if (items.size() % 2 != 0) {
            throw new SyntaxError(startLine, "a map needs an even number of forms");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(String.valueOf(items.get(i)), items.get(i + 1));
        }
        return map;
    }

    private static boolean isClose(char c) {
        return c == ']' || c == ')' || c == '}';
    }

    private String readString() throws SyntaxError {
        long startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '"', '\\' -> sb.append(e);
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("unknown escape \\ then " + show(e) + " in a string");
                }
            } else {
                sb.append(c);
            }
        }
        throw new SyntaxError(startLine, "a string is not closed");
    }

    private String readToken() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ',' || c == '[' || c == ']' || c == '(' || c == ')' || c == '{'
                    || c == '}' || c == '"' || c == ';') {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private Object atom(String token) throws SyntaxError {
        switch (token) {
            case "nil" -> {
                return null;
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> {
                char c = token.charAt(0);
                boolean numeric = Character.isDigit(c)
                        || ((c == '-' || c == '+') && token.length() > 1 && Character.isDigit(token.charAt(1)));
                return numeric ? number(token) : token;
            }
        }
    }

    private Object number(String token) throws SyntaxError {
        String t = token.endsWith("N") || token.endsWith("M") ? token.substring(0, token.length() - 1) : token;
        try {
            if (t.indexOf('.') >= 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
                return Double.parseDouble(t);
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw error(printable(token) + " is not a number this reader supports");
        }
    }

    private String charNamed(String token) throws SyntaxError {
        return switch (token) {
            case "newline" -> "\n";
            case "space" -> " ";
            case "tab" -> "\t";
            case "return" -> "\r";
            default -> {
                if (token.length() == 1) {
                    yield token;
                }
                throw error("unknown character literal " + printable(token));
            }
        };
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c) || c == ',') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** A character for an error message: quoted if printable, else its code point. */
    private static String show(char c) {
        return c >= ' ' && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String printable(String token) {
        String t = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return "'" + t.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    private SyntaxError error(String message) {
        return new SyntaxError(line, message);
    }
}
