package io.chaoskeeper.cluster.internal.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one thread that moves every byte through an ensemble's proxies, with one NIO selector: a handful of
 * connections per node pair need no more on a 2-core machine. Other threads change proxies only through
 * {@link #call}, which runs the change on this thread between two selections and waits for it, so a partition is in
 * effect when {@code call} returns.
 */
final class ProxyLoop implements Closeable {

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Link> links = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean open = true;

    ProxyLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop's thread and returns its result once it ran. */
    <T> T call(Supplier<T> task) {
        if (Thread.currentThread() == thread) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs {@code task} on the loop's thread and waits for it. */
    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    Selector selector() {
        return selector;
    }

    void register(SelectableChannel channel, int ops, Consumer<SelectionKey> handler) throws IOException {
        if (Thread.currentThread() != thread) {
            call(() -> {
                try {
                    channel.register(selector, ops, handler);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            return;
        }
        channel.register(selector, ops, handler);
    }

    void add(Link link) {
        links.add(link);
    }

    void remove(Link link) {
        links.remove(link);
    }

    @SuppressWarnings("unchecked")
    private void run() {
        while (open) {
            try {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (Link link : links) {
                    next = Math.min(next, link.nextRelease());
                }
                long wait = next == Long.MAX_VALUE ? 0 : Math.max(1, (next - now + 999_999) / 1_000_000);
                if (next != Long.MAX_VALUE && next <= now) {
                    selector.selectNow();
                } else {
                    selector.select(wait);
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.attachment() instanceof Link link) {
                        link.handle(key, now);
                    } else {
                        ((Consumer<SelectionKey>) key.attachment()).accept(key);
                    }
                }
                selector.selectedKeys().clear();
                for (Link link : new ArrayList<>(links)) {
                    if (link.nextRelease() <= now) {
                        link.release(now);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // one bad connection must not stop the ensemble's traffic: it is closed by its handler
            }
        }
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        run(() -> {
            new ArrayList<>(links).forEach(Link::close);
            open = false;
        });
        closeQuietly(selector);
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // already broken: nothing more to release
            }
        }
    }
}
