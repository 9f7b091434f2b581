package io.chaoskeeper.fault;

/** A fault could not be applied or healed; the message is one sentence naming the node and the cause. */
public class FaultException extends RuntimeException {

    /** @param message one sentence naming the node and the cause */
    public FaultException(String message) {
        super(message);
    }

    /** @param message one sentence naming the node and the cause */
    public FaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
