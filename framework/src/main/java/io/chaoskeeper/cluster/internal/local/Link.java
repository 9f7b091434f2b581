package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.UnaryOperator;

/**
 * One connection through a {@link Proxy}: the accepted side ({@code a}, the initiator) and the side toward the
 * target ({@code b}), with a {@link Flow} each way. Lives on the proxies' {@link ProxyLoop} thread.
 */
final class Link {

    private final Proxy proxy;
    private final SocketChannel a;
    private final SocketChannel b;
    final Flow up;
    final Flow down;
    private SelectionKey aKey;
    private SelectionKey bKey;
    private boolean connected;
    private boolean closed;

    Link(Proxy proxy, SocketChannel a, SocketChannel b, UnaryOperator<ByteBuffer> rewriteUp) {
        this.proxy = proxy;
        this.a = a;
        this.b = b;
        this.up = new Flow(a, b, proxy.up, rewriteUp);
        this.down = new Flow(b, a, proxy.down, UnaryOperator.identity());
    }

    /** Registers both ends; reading starts once the target accepted. */
    void register(Selector selector) throws IOException {
        aKey = a.register(selector, 0, this);
        bKey = b.register(selector, b.isConnected() ? 0 : SelectionKey.OP_CONNECT, this);
        if (b.isConnected()) {
            connected = true;
            refresh();
        }
    }

    /** Handles what the selector found ready on one of the ends. */
    void handle(SelectionKey key, long now) {
        try {
            if (!connected) {
                if (key.isConnectable() && b.finishConnect()) {
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

    /** Sends on what became due; closes the link if a side is gone. */
    void release(long now) {
        try {
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
        return Math.min(up.nextRelease(), down.nextRelease());
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
