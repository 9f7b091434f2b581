package io.chaoskeeper.report;

/**
 * A report cannot be rendered: the directory is missing, holds nothing to report on, or cannot be written. The
 * message is one sentence for a person.
 */
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described in one sentence. */
    public ReportException(String message) {
        super(message);
    }

    /** A problem with its cause kept for debugging; the message alone says what is wrong. */
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
