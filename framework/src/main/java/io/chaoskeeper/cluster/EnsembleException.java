package io.chaoskeeper.cluster;

/**
 * An ensemble could not be built, started or reached. The message is one sentence that says what went wrong and,
 * where it can, what to do about it.
 */
public class EnsembleException extends RuntimeException {

    /** @param message one sentence for the user */
    public EnsembleException(String message) {
        super(message);
    }

    /** @param message one sentence for the user; {@code cause} keeps the detail for logs */
    public EnsembleException(String message, Throwable cause) {
        super(message, cause);
    }
}
