package io.chaoskeeper.run.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.workload.ClientContext;
import io.chaoskeeper.workload.Result;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client's connection and recording rules. Operation bodies run on the client's own single thread (Curator's
 * mutex is thread-bound, and one thread keeps a client's requests in order) under a resilience4j
 * {@link TimeLimiter}; connecting, and the final phase's reads, are retried by a resilience4j {@link Retry}.
 */
public final class ClientSession implements ClientContext, AutoCloseable {

    private final RunState run;
    private final int index;
    private final ZooKeeperNode node;
    private final String connectString;
    private final Random random;
    private final Duration sessionTimeout;
    private final TimeLimiter timeLimiter;
    private final Retry retry;
    private final boolean retryReads;
    private final ExecutorService executor;
    private final CuratorFramework curator;
    private volatile long process;

    /**
     * @param node       the server this client is bound to, or null for the whole ensemble
     * @param retryReads whether failed reads are retried (the final phase), else each attempt is the outcome
     */
    public ClientSession(RunState run, int index, long process, ZooKeeperNode node, String connectString, long seed,
                         Duration operationTimeout, Duration sessionTimeout, boolean retryReads) {
        this.run = run;
        this.index = index;
        this.process = process;
        this.node = node;
        this.connectString = connectString;
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        this.sessionTimeout = sessionTimeout;
        this.retryReads = retryReads;
        this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(operationTimeout)
                .cancelRunningFuture(true).build());
        this.retry = Retry.of("client-" + index, RetryConfig.<Object>custom().maxAttempts(3)
                .waitDuration(Duration.ofMillis(500))
                .retryOnResult(r -> r instanceof Result res && res.type() != Operation.Type.OK || Boolean.FALSE.equals(r))
                .build());
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chaoskeeper-client-" + index + (node == null ? "" : "@" + node.name()));
            t.setDaemon(true);
            return t;
        });
        this.curator = CuratorFrameworkFactory.builder().connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) Math.min(sessionTimeout.toMillis(), 3_000))
                // Only Curator's recipes (mutex, latch) go through this policy: workloads' own reads and writes
                // use the raw handle, so a lost connection reaches the history as fail/info instead of being
                // retried away. Recipes get the few retries they are used with in real life; with none, Curator's
                // protected-node cleanup spins while a server is down.
                .retryPolicy(new RetryNTimes(3, 200))
                // the ensemble's own configuration names servers by addresses on its network, which the test
                // cannot reach: after a membership change Curator would otherwise take them as its connect string
                .ensembleTracker(false)
                .build();
    }

    /**
     * Connects, retrying: three attempts of a session timeout each.
     *
     * @throws IllegalStateException in one sentence when the server cannot be reached
     */
    public ClientSession open() {
        curator.start();
        boolean connected = Retry.decorateSupplier(retry, () -> awaitConnected(sessionTimeout)).get();
        if (!connected) {
            close();
            throw new IllegalStateException("client " + index + " cannot connect to " + connectString + " within "
                    + retry.getRetryConfig().getMaxAttempts() + " attempts of " + sessionTimeout.toMillis() + " ms");
        }
        return this;
    }

    /**
     * Connects, waiting up to {@code patience}: after a heal a server may still be electing or syncing a large tree,
     * and on a loaded machine that takes longer than a few session timeouts; only a server that stays unreachable
     * for all of it is an error.
     *
     * @throws IllegalStateException in one sentence when the server cannot be reached
     */
    public ClientSession open(Duration patience) {
        curator.start();
        if (!awaitConnected(patience)) {
            close();
            throw new IllegalStateException("client " + index + " cannot connect to " + connectString + " within "
                    + patience.toMillis() + " ms after the faults were healed");
        }
        return this;
    }

    private boolean awaitConnected(Duration timeout) {
        try {
            return curator.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public ZooKeeperNode node() {
        return node;
    }

    @Override
    public String connectString() {
        return connectString;
    }

    @Override
    public CuratorFramework curator() {
        return curator;
    }

    @Override
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public long uniqueValue() {
        return run.uniqueValue();
    }

    @Override
    public boolean running() {
        return run.running();
    }

    @Override
    public Result read(String f, String key, Object value, Body body) {
        if (!retryReads) {
            return once(true, f, key, value, body);
        }
        return (Result) Retry.decorateSupplier(retry, () -> (Object) once(true, f, key, value, body)).get();
    }

    @Override
    public Result write(String f, String key, Object value, Body body) {
        return once(false, f, key, value, body);
    }

    private Result once(boolean read, String f, String key, Object value, Body body) {
        Operation invoke = begin(f, key, value);
        Result result;
        try {
            result = timeLimiter.executeFutureSupplier(() -> executor.submit(body::run));
        } catch (Exception e) {
            result = classify(read, e);
        }
        complete(invoke, result);
        return result;
    }

    /** Certain failures are {@code fail}; anything else is {@code info} for a write and {@code fail} for a read. */
    static Result classify(boolean read, Throwable thrown) {
        Throwable e = thrown;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof KeeperException ke) {
            switch (ke.code()) {
                case BADVERSION:
                    return Result.fail("bad-version");
                case NONODE:
                    return Result.fail("no-node");
                case NODEEXISTS:
                    return Result.fail("node-exists");
                default:
                    break;
            }
        }
        if (e instanceof IllegalMonitorStateException) {
            return Result.fail("not-held");
        }
        String error = e instanceof KeeperException ke ? errorName(ke.code())
                : e instanceof TimeoutException ? "timeout"
                : e instanceof InterruptedException ? "interrupted"
                : e.getClass().getSimpleName();
        return read ? Result.fail(error) : Result.info(error);
    }

    private static String errorName(KeeperException.Code code) {
        return switch (code) {
            case CONNECTIONLOSS -> "connection-loss";
            case SESSIONEXPIRED -> "session-expired";
            case OPERATIONTIMEOUT -> "operation-timeout";
            case SESSIONMOVED -> "session-moved";
            default -> code.name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public Operation begin(String f, String key, Object value) {
        return run.recorder().record(new Operation(0, Operation.Type.INVOKE, process, f, value, 0, key,
                node == null ? null : node.name(), null, null, Map.of()));
    }

    @Override
    public void complete(Operation invoke, Result result) {
        Object value = result.value() == null && result.type() != Operation.Type.OK ? invoke.value() : result.value();
        Operation done = run.recorder().record(new Operation(0, result.type(), invoke.process(), invoke.f(), value, 0,
                invoke.key(), invoke.node(), result.error(), result.zxid(), result.extra()));
        run.completed(invoke.f(), result.type().wireName(), done.time() - invoke.time());
        if (result.type() == Operation.Type.INFO) {
            synchronized (this) {
                if (process == invoke.process()) {
                    process = run.newProcess(); // it may still be in flight: this thread continues as another process
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        curator.close();
    }
}
