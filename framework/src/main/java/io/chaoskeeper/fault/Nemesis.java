package io.chaoskeeper.fault;

/**
 * A running fault schedule. Closing it heals every fault and removes every helper container it made.
 */
public interface Nemesis extends AutoCloseable {

    /** Stops starting new faults and heals every active one (the final heal). Idempotent. */
    void healAll();

    /** How many faults are active now (for progress lines). */
    int activeFaults();

    /** Heals everything and releases resources. Idempotent; never throws. */
    @Override
    void close();
}
