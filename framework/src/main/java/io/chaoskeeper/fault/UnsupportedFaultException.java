package io.chaoskeeper.fault;

/**
 * A fault the ensemble's backend cannot apply at all, e.g. packet loss on the local backend, whose proxies carry
 * streams rather than packets. The message is one sentence naming the backend and the fault; a chaos test whose
 * schedule needs such a fault is skipped with it, never passed silently.
 */
public final class UnsupportedFaultException extends FaultException {

    /** @param message one sentence naming the backend and the fault */
    public UnsupportedFaultException(String message) {
        super(message);
    }
}
