package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.UnaryOperator;

/**
 * One direction of a proxied connection: bytes read from {@code source} are queued with the time they may go on
 * ({@link Shaping}) and written to {@code sink}. Backpressure is kept: a flow stops reading while it holds more than
 * {@link #MAX_QUEUED} bytes or cannot write, so a slow or stalled direction slows its sender as a network would.
 */
final class Flow {

    private static final int MAX_QUEUED = 1 << 20;
    private static final int CHUNK = 32 * 1024;

    private record Chunk(ByteBuffer data, long releaseNanos) {
    }

    final SocketChannel source;
    final SocketChannel sink;
    private final Shaping shaping;
    private final UnaryOperator<ByteBuffer> rewrite;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long queued;
    private long lastRelease;
    private boolean sinkFull;

    Flow(SocketChannel source, SocketChannel sink, Shaping shaping, UnaryOperator<ByteBuffer> rewrite) {
        this.source = source;
        this.sink = sink;
        this.shaping = shaping;
        this.rewrite = rewrite;
    }

    boolean wantsRead() {
        return !shaping.stalled && queued < MAX_QUEUED && !sinkFull;
    }

    boolean wantsWrite() {
        return sinkFull;
    }

    /** Reads what the source has and sends on what is due; false at the source's end of stream. */
    boolean read(long now) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int n = source.read(buffer);
        if (n < 0) {
            return false;
        }
        buffer.flip();
        ByteBuffer data = rewrite.apply(buffer);
        if (data.hasRemaining()) {
            lastRelease = shaping.isClear() && queue.isEmpty() ? now
                    : shaping.releaseAt(now, lastRelease, data.remaining());
            queue.add(new Chunk(data, lastRelease));
            queued += data.remaining();
        }
        flush(now);
        return true;
    }

    /** Writes every chunk that is due, as far as the sink takes it. */
    void flush(long now) throws IOException {
        Chunk head;
        while ((head = queue.peek()) != null && head.releaseNanos <= now) {
            int written = sink.write(head.data);
            queued -= written;
            if (head.data.hasRemaining()) {
                sinkFull = true;
                return;
            }
            queue.poll();
        }
        sinkFull = false;
    }

    /** When the next queued chunk is due, or {@link Long#MAX_VALUE} if nothing waits for its time. */
    long nextRelease() {
        Chunk head = queue.peek();
        return head == null || sinkFull ? Long.MAX_VALUE : head.releaseNanos;
    }
}
