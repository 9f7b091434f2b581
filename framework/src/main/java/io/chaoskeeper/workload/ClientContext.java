package io.chaoskeeper.workload;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.Operation;
import org.apache.curator.framework.CuratorFramework;

import java.time.Duration;
import java.util.Random;

/**
 * What a workload client gets from the run engine: its connection, its seeded randomness, and the recording of
 * its operations under the history's rules (timeouts, outcome classification, new process after an {@code info}).
 */
public interface ClientContext {

    /** The body of an operation: talks to ZooKeeper and says how it ended. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the operation. A thrown {@link org.apache.zookeeper.KeeperException} or timeout is classified by
         * the engine: {@code bad-version}, {@code no-node} and {@code node-exists} certainly did not happen
         * ({@code fail}); anything else is {@code info} for a write and {@code fail} for a read.
         */
        Result run() throws Exception;
    }

    /** This client's number, from 0. */
    int index();

    /** The server this client is bound to, or null when it talks to the whole ensemble. */
    ZooKeeperNode node();

    /** The connect string of this client's server (or of the whole ensemble). */
    String connectString();

    /**
     * A Curator client on {@link #connectString()}, for Curator's recipes (which retry a few times, as in real
     * use). Record reads and writes through its raw handle, {@code curator().getZookeeperClient().getZooKeeper()},
     * which never retries, so that a lost connection is an outcome.
     */
    CuratorFramework curator();

    /** The session timeout clients ask for. */
    Duration sessionTimeout();

    /** This client's random source, seeded from the run's seed and the client's index. */
    Random random();

    /** A value never returned before in this run, for writes whose reads must tell which write they saw. */
    long uniqueValue();

    /** True until the workload phase ends. */
    boolean running();

    /** Records and runs an operation that changes nothing: a timeout or lost connection makes it {@code fail}. */
    Result read(String f, String key, Object value, Body body);

    /** Records and runs an operation that may change state: a timeout or lost connection makes it {@code info}. */
    Result write(String f, String key, Object value, Body body);

    /**
     * Records the invocation of an operation that ends later, outside {@link Workload.Client#step()} (e.g. a
     * leadership period that a callback ends). Complete it with {@link #complete}.
     */
    Operation begin(String f, String key, Object value);

    /** Records how an operation begun with {@link #begin} ended. */
    void complete(Operation invoke, Result result);
}
