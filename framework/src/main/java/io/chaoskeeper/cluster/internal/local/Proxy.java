package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A TCP proxy on a loopback port in front of one target port: what a local node's peer (or the test's client)
 * connects to instead of the node itself, so that the framework can cut, stall or slow that traffic. {@code up}
 * shapes the bytes from the connecting side to the target, {@code down} the answers. A cut proxy closes its live
 * connections and closes every new one at once. State changes only on the {@link ProxyLoop}'s thread.
 */
final class Proxy {

    final Shaping up = new Shaping();
    final Shaping down = new Shaping();
    private final ProxyLoop loop;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final Supplier<UnaryOperator<ByteBuffer>> rewriters;
    private final Set<Link> links = new LinkedHashSet<>();
    private boolean cut;

    Proxy(ProxyLoop loop, int targetPort, Supplier<UnaryOperator<ByteBuffer>> rewriters) throws IOException {
        this.loop = loop;
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.rewriters = rewriters;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.configureBlocking(false);
    }

    /** The loopback port it listens on. */
    int port() {
        return server.socket().getLocalPort();
    }

    /** Starts accepting, on the loop. */
    void open() throws IOException {
        loop.register(server, SelectionKey.OP_ACCEPT, key -> accept());
    }

    private void accept() {
        SocketChannel a = null;
        SocketChannel b = null;
        try {
            while ((a = server.accept()) != null) {
                if (cut) {
                    ProxyLoop.closeQuietly(a);
                    continue;
                }
                a.configureBlocking(false);
                a.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                b = SocketChannel.open();
                b.configureBlocking(false);
                b.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                b.connect(target);
                Link link = new Link(this, a, b, rewriters.get());
                links.add(link);
                loop.add(link);
                link.register(loop.selector());
                b = null;
            }
        } catch (IOException e) {
            ProxyLoop.closeQuietly(a);
            ProxyLoop.closeQuietly(b);
        }
    }

    /** Cuts (closing live connections and refusing new ones) or heals the proxy. */
    void setCut(boolean cut) {
        this.cut = cut;
        if (cut) {
            new ArrayList<>(links).forEach(Link::close);
        }
    }

    boolean isCut() {
        return cut;
    }

    /** Applies changed shaping to the live connections. */
    void refresh() {
        links.forEach(Link::refresh);
    }

    void forget(Link link) {
        links.remove(link);
        loop.remove(link);
    }

    List<Link> links() {
        return List.copyOf(links);
    }

    void close() {
        setCut(true);
        ProxyLoop.closeQuietly(server);
    }
}
