package io.chaoskeeper.workload;

import java.util.List;
import java.util.Map;

/**
 * What the clients of a run do to ZooKeeper. The run engine calls {@link #setup} once, opens one {@link Client}
 * per client thread and calls {@link Client#step()} until the run's time is up, then {@link #finish} with one
 * context per server for the final reads. Operations are recorded through the {@link ClientContext}; the shapes
 * of their values are the contract with the checkers (see the project's workload history shapes).
 */
public interface Workload {

    /** A short name, e.g. {@code cas-register}. */
    String name();

    /** The workload's parameters as recorded in {@code run.json}. */
    Map<String, Object> parameters();

    /** Creates the znodes the workload needs; {@code admin} talks to the whole ensemble. */
    default void setup(ClientContext admin) throws Exception {
    }

    /** A client for one client thread. Its randomness must come from {@link ClientContext#random()}. */
    Client client(ClientContext context);

    /** The final phase: reads against every server ({@code perServer} holds one context per node). */
    default void finish(List<ClientContext> perServer) throws Exception {
    }

    /** One client thread's side of a workload. */
    interface Client extends AutoCloseable {

        /** Does (and records) the next operation, or waits a little when there is nothing to do. */
        void step() throws Exception;

        /** Ends the client; operations still open are recorded as {@code info}. */
        @Override
        default void close() throws Exception {
        }
    }
}
