package io.chaoskeeper.check.internal.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Decides a check's parts on the calling thread and on helper threads taken from one pool that every check shares.
 * Each thread takes the next part not yet taken until none is left, so the parts race as they would on a pool of
 * their own.
 *
 * <p>Why not a pool per check: starting and shutting down two threads cost 0.8 to 1.8 ms, a third to a half of a
 * 10-client kv check of 2,000 calls. The shared helpers stay alive between checks (and end after
 * {@value #IDLE_SECONDS} s without work); they are daemons, so they never keep a JVM alive. A helper the pool cannot
 * give at once is not waited for: the threads already racing take its parts.
 */
public final class PartsRace {

    private static final int IDLE_SECONDS = 30;
    private static final int MAX_HELPERS = 64;
    private static final ThreadPoolExecutor HELPERS = new ThreadPoolExecutor(0, MAX_HELPERS, IDLE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), PartsRace::helper, new ThreadPoolExecutor.DiscardPolicy());

    private PartsRace() {
    }

    private static Thread helper(Runnable r) {
        Thread t = new Thread(r, "linearizability");
        t.setDaemon(true);
        return t;
    }

    /**
     * Runs every part on at most {@code threads} threads, the caller's among them, and returns their results in
     * order.
     *
     * @throws InterruptedException when the caller is interrupted while helpers still run parts they took (the
     *                              parts should watch a stop flag, which the caller then sets)
     * @throws CompletionException  when a part threw; its cause is what it threw
     */
    public static <T> List<T> run(List<Supplier<T>> parts, int threads) throws InterruptedException {
        int n = parts.size();
        Object[] done = new Object[n];
        Throwable[] thrown = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(n);
        Runnable racer = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    done[i] = parts.get(i).get();
                } catch (Throwable t) { // handed to the caller, which has no other way to learn of it
                    thrown[i] = t;
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int k = 1; k < Math.min(threads, n); k++) {
            HELPERS.execute(racer);
        }
        racer.run();
        finished.await();
        List<T> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (thrown[i] != null) {
                throw new CompletionException(thrown[i]);
            }
            @SuppressWarnings("unchecked")
            T result = (T) done[i];
            results.add(result);
        }
        return results;
    }
}
