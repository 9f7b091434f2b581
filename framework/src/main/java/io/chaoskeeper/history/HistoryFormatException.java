package io.chaoskeeper.history;

/**
 * Thrown when a history cannot be read or is not well-formed. Its message is one sentence meant for a person and
 * names the source and, where known, the line.
 */
public final class HistoryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem with no line (e.g. the file is empty or unreadable). */
    public HistoryFormatException(String message) {
        super(message);
    }

    /** A problem with its cause kept for debugging; the message alone must still say what is wrong. */
    public HistoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a line of a source, formatted as {@code source:line: problem}. */
    public static HistoryFormatException at(String source, long line, String problem) {
        return new HistoryFormatException(source + ":" + line + ": " + problem);
    }
}
