package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.FaultException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the fault layer's per-node Docker steps in parallel, each waited for at most one bound, and turns every way
 * a step can end badly into one sentence naming the node. docker-java's transport has no read timeout (image builds
 * and log streams are silent for long) and wraps I/O errors in plain runtime exceptions, so without this a stalled
 * engine hangs a heal forever and one broken node stops the heal of the others.
 */
final class BoundedSteps implements AutoCloseable {

    /** The system property that sets the bound of each Docker step, e.g. {@code 20s} (the default). */
    static final String BOUND_PROPERTY = "chaoskeeper.docker.callTimeout";
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(20);

    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaoskeeper-fault");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration bound;
    private final String engine;

    /**
     * @param bound  how long one step may take
     * @param engine the engine in words, for the sentence a stalled step gives (e.g. "the Docker engine at unix://…")
     */
    BoundedSteps(Duration bound, String engine) {
        this.bound = bound;
        this.engine = engine;
    }

    /** The bound from {@link #BOUND_PROPERTY}, else {@link #DEFAULT_BOUND}. */
    static Duration configuredBound() {
        String value = System.getProperty(BOUND_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_BOUND;
        }
        try {
            return io.chaoskeeper.run.Durations.parsePositive(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BOUND_PROPERTY + " must be a positive time such as 20s or 500ms, not '"
                    + value + "'");
        }
    }

    Duration bound() {
        return bound;
    }

    /** The wait for a step made of bounded steps: the bound and a margin for the sentence to come back. */
    Duration outerBound() {
        return bound.plusMillis(Math.max(200, bound.toMillis() / 10));
    }

    /**
     * Runs the step for every named item in parallel and waits for all, each at most the bound from now.
     *
     * @return one sentence per failed item ("name: why"), empty when all succeeded
     */
    <T> List<String> onEach(Map<String, T> items, Consumer<T> step) {
        return onEach(items, step, bound);
    }

    /**
     * Like {@link #onEach(Map, Consumer)} with another wait, for steps that are themselves made of bounded steps
     * (the wait then covers theirs and a margin, so their own sentence is the one reported).
     */
    <T> List<String> onEach(Map<String, T> items, Consumer<T> step, Duration wait) {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        items.forEach((name, item) -> running.put(name, pool.submit(() -> step.accept(item))));
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> errors = new ArrayList<>();
        running.forEach((name, future) -> {
            String error = await(future, deadline);
            if (error != null) {
                errors.add(error.startsWith(name + ": ") ? error : name + ": " + error);
            }
        });
        return errors;
    }

    /** Runs one step within the bound; {@link FaultException} with one sentence when it fails or stalls. */
    <T> T call(String what, java.util.concurrent.Callable<T> step) {
        Future<T> future = pool.submit(step);
        String error = await(future, System.nanoTime() + bound.toNanos());
        if (error != null) {
            throw new FaultException(what + ": " + error);
        }
        try {
            return future.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a finished step cannot fail", e); // await saw it succeed
        }
    }

    /** Waits until the deadline; null when the step succeeded, else why it did not. */
    private String await(Future<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            future.cancel(true);
            return engine + " did not answer within " + seconds(bound);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof FaultException || cause.getMessage() != null ? NetworkHelpers.firstLine(cause)
                    : cause.toString();
        } catch (CancellationException e) {
            return "cancelled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return "interrupted while waiting for " + engine;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
