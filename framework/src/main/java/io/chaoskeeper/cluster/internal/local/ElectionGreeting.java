package io.chaoskeeper.cluster.internal.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Rewrites the first message a server sends on a new election connection, in which it names its own election
 * address. A server with a higher id drops a connection from a lower one and calls back at that address, which
 * would bypass the proxies: the rewrite names the proxy in front of the caller instead, as seen from the callee
 * (the reverse pair's proxy). Only ZooKeeper's versioned greeting ({@code long version < 0, long sid, int length,
 * "host:port"}) carries an address; anything else passes unchanged. One instance per connection.
 */
final class ElectionGreeting implements UnaryOperator<ByteBuffer> {

    private static final int HEADER = 8 + 8 + 4;
    private static final int MAX_ADDRESS = 4096;

    private final int reversePort;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean done;

    ElectionGreeting(int reversePort) {
        this.reversePort = reversePort;
    }

    @Override
    public ByteBuffer apply(ByteBuffer data) {
        if (done) {
            return data;
        }
        pending = ByteBuffer.allocate(pending.remaining() + data.remaining()).put(pending).put(data).flip();
        if (pending.remaining() >= 8 && pending.getLong(0) >= 0 || pending.remaining() >= HEADER
                && (pending.getInt(16) < 0 || pending.getInt(16) > MAX_ADDRESS)) {
            return passThrough(); // an old unversioned greeting, or not one at all
        }
        if (pending.remaining() < HEADER || pending.remaining() < HEADER + pending.getInt(16)) {
            return ByteBuffer.allocate(0); // wait for the rest of the greeting
        }
        int length = pending.getInt(16);
        byte[] address = ("127.0.0.1:" + reversePort).getBytes(StandardCharsets.UTF_8);
        ByteBuffer rest = pending.duplicate().position(HEADER + length);
        ByteBuffer out = ByteBuffer.allocate(HEADER + address.length + rest.remaining())
                .putLong(pending.getLong(0)).putLong(pending.getLong(8)).putInt(address.length).put(address)
                .put(rest).flip();
        done = true;
        pending = null;
        return out;
    }

    private ByteBuffer passThrough() {
        done = true;
        ByteBuffer all = pending;
        pending = null;
        return all;
    }
}
