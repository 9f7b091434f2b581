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
    /** The source sent its end of stream: once what is queued went on, the sink's output is shut as well. */
    private boolean sourceEnded;
    private boolean sinkShut;

    Flow(SocketChannel source, SocketChannel sink, Shaping shaping, UnaryOperator<ByteBuffer> rewrite) {
        this.source = source;
        this.sink = sink;
        this.shaping = shaping;
        this.rewrite = rewrite;
    }

    boolean wantsRead() {
        return !sourceEnded && !shaping.stalled && queued < MAX_QUEUED && !sinkFull;
    }

    /** The source ended and everything it sent went on, its end of stream too: this direction is done. */
    boolean finished() {
        return sinkShut;
    }

    boolean wantsWrite() {
        return sinkFull;
    }

    /**
     * Reads what the source has and sends on what is due. The source's end of stream is passed on as a half-close
     * once the queue drained (a four-letter-word client shuts its output, then reads the answer).
     */
    void read(long now) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int n = source.read(buffer);
        if (n < 0) {
            sourceEnded = true;
            flush(now);
            return;
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
        if (sourceEnded && queue.isEmpty() && !sinkShut) {
            sink.shutdownOutput();
            sinkShut = true;
        }
    }

    /** When the next queued chunk is due, or {@link Long#MAX_VALUE} if nothing waits for its time. */
    long nextRelease() {
        Chunk head = queue.peek();
        return head == null || sinkFull ? Long.MAX_VALUE : head.releaseNanos;
    }
}
