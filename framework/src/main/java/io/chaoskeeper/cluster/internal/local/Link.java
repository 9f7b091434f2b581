package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.UnaryOperator;

/**
 * One connection through a {@link Proxy}: the accepted side ({@code a}, the initiator) and the side toward the
 * target ({@code b}), with a {@link Flow} each way. Lives on the proxies' {@link ProxyLoop} thread. A target that
 * refuses is called again every {@link #RETRY_NANOS} until the proxy's connect deadline, then the link closes: the
 * initiator, whose own connect the kernel already accepted, sees what a refused connect retried would give it.
 */
final class Link {

    private static final long RETRY_NANOS = 10_000_000;

    private final Proxy proxy;
    private final SocketChannel a;
    private final UnaryOperator<ByteBuffer> rewriteUp;
    private final long connectDeadline;
    private SocketChannel b;
    Flow up;
    Flow down;
    private Selector selector;
    private long retryAt = Long.MAX_VALUE;
    private SelectionKey aKey;
    private SelectionKey bKey;
    private boolean connected;
    private boolean closed;

    Link(Proxy proxy, SocketChannel a, UnaryOperator<ByteBuffer> rewriteUp, long connectDeadline) {
        this.proxy = proxy;
        this.a = a;
        this.rewriteUp = rewriteUp;
        this.connectDeadline = connectDeadline;
    }

    /** Registers the accepted end and calls the target; reading starts once the target accepted. */
    void register(Selector loopSelector) throws IOException {
        selector = loopSelector;
        aKey = a.register(selector, 0, this);
        connect(System.nanoTime());
    }

    private void connect(long now) throws IOException {
        try {
            b = proxy.callTarget();
        } catch (IOException e) {
            refused(now);
            return;
        }
        up = new Flow(a, b, proxy.up, rewriteUp);
        down = new Flow(b, a, proxy.down, UnaryOperator.identity());
        bKey = b.register(selector, b.isConnected() ? 0 : SelectionKey.OP_CONNECT, this);
        if (b.isConnected()) {
            connected = true;
            refresh();
        }
    }

    /** After a refused call: again soon if the deadline allows, else the link closes. */
    private void refused(long now) {
        ProxyLoop.closeQuietly(b);
        if (now + RETRY_NANOS < connectDeadline) {
            retryAt = now + RETRY_NANOS;
        } else {
            close();
        }
    }

    /** Handles what the selector found ready on one of the ends. */
    void handle(SelectionKey key, long now) {
        try {
            if (!connected) {
                if (key.isConnectable() && finishConnect(now)) {
                    connected = true;
                }
            } else {
                boolean isA = key == aKey;
                if (key.isWritable()) {
                    (isA ? down : up).flush(now);
                }
                if (key.isReadable()) {
                    (isA ? up : down).read(now);
                }
                if (up.finished() && down.finished()) { // both sides ended their streams
                    close();
                    return;
                }
            }
            refresh();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    private boolean finishConnect(long now) throws IOException {
        try {
            return b.finishConnect();
        } catch (IOException e) {
            refused(now);
            return false;
        }
    }

    /** Sends on what became due (or calls the target again); closes the link if a side is gone. */
    void release(long now) {
        try {
            if (!connected) {
                retryAt = Long.MAX_VALUE;
                connect(now);
                return;
            }
            up.flush(now);
            down.flush(now);
            if (up.finished() && down.finished()) {
                close();
                return;
            }
            refresh();
        } catch (IOException e) {
            close();
        }
    }

    /** Sets what each end waits for from the flows' state (after any change of the proxy's shaping). */
    void refresh() {
        if (closed || !connected) {
            return;
        }
        aKey.interestOps((up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0));
        bKey.interestOps((down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0));
    }

    long nextRelease() {
        return connected ? Math.min(up.nextRelease(), down.nextRelease()) : retryAt;
    }

    /** Closes both ends: each peer sees its connection end, as when a partition resets it. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        proxy.forget(this);
        ProxyLoop.closeQuietly(a);
        ProxyLoop.closeQuietly(b);
    }
}
