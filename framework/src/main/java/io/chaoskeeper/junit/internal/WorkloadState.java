package io.chaoskeeper.junit.internal;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZKUtil;

/**
 * Removes what earlier runs on a per-class ensemble left under the workloads' root, so each history starts from an
 * empty register. The previous run has just healed its faults, so the ensemble may still be electing or syncing: a
 * lost connection, an expired session or an ensemble that does not answer yet is retried, for up to about a minute.
 */
public final class WorkloadState {

    /** Every built-in workload keeps its znodes under this path. */
    public static final String ROOT = "/chaoskeeper";

    private static final int ATTEMPTS = 4;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(3);

    private WorkloadState() {
    }

    /**
     * Clears {@link #ROOT} on the ensemble behind {@code connectString}.
     *
     * @throws IllegalStateException in one sentence when it cannot be cleared
     */
    public static void clear(String connectString) {
        clear(connectString, ATTEMPTS, CONNECT, WAIT);
    }

    static void clear(String connectString, int attempts, Duration connect, Duration wait) {
        Retry retry = Retry.of("clear-workload-state", RetryConfig.custom().maxAttempts(attempts).waitDuration(wait)
                .retryExceptions(KeeperException.ConnectionLossException.class,
                        KeeperException.SessionExpiredException.class,
                        KeeperException.OperationTimeoutException.class, NotAnswering.class)
                .build());
        try {
            Retry.decorateCheckedRunnable(retry, () -> clearOnce(connectString, connect)).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while clearing the ensemble before the run.", e);
        } catch (NotAnswering e) {
            throw new IllegalStateException("The ensemble did not answer within " + attempts + " attempts of "
                    + connect.toMillis() + " ms before the run.", e);
        } catch (Throwable e) {
            throw new IllegalStateException("Could not clear " + ROOT + " before the run (" + attempts
                    + " attempts): " + e.getMessage(), e);
        }
    }

    private static void clearOnce(String connectString, Duration connect) throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, 10_000,
                (int) connect.toMillis(), new RetryNTimes(3, 500))) {
            client.start();
            if (!client.blockUntilConnected((int) connect.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NotAnswering();
            }
            // ZooKeeper's own batched delete (multi of 1000 deletes, async): one by one, each of the ~20,000 znodes a
            // set run leaves costs a quorum round trip; if a batch fails (a znode gone meanwhile), Curator finishes
            if (client.checkExists().forPath(ROOT) != null
                    && !ZKUtil.deleteRecursive(client.getZookeeperClient().getZooKeeper(), ROOT, 1000)) {
                client.delete().deletingChildrenIfNeeded().forPath(ROOT);
            }
        }
    }

    /** No connection within an attempt. */
    private static final class NotAnswering extends Exception {
        NotAnswering() {
            super("no connection", null, false, false);
        }
    }
}
