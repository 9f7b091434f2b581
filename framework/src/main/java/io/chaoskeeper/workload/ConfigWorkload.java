package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A config znode updated by writers ({@code write-config v} → ok, {@code zxid}) and watched by readers: each watch
 * event is recorded as a {@code watch} invoke/ok pair around the read that follows it (value = data read,
 * {@code zxid} = mzxid, {@code extra.event} = the event type; the first read, which sets the watch, has
 * {@code extra.event = "initial"}, one after a failed read {@code "retry"}). Even-numbered clients write, odd ones
 * watch, and client 0 does both so that any run has a watcher.
 */
public final class ConfigWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/config/current";

    /** With the defaults. */
    public ConfigWorkload() {
        super("config", PATH);
    }

    @Override
    public Client client(ClientContext ctx) {
        BlockingQueue<String> fired = new LinkedBlockingQueue<>();
        fired.add("initial");
        Watcher watcher = (WatchedEvent event) -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                fired.add(event.getType().name());
            }
        };
        boolean writes = ctx.index() % 2 == 0;
        boolean watches = ctx.index() % 2 == 1 || ctx.index() == 0;
        return () -> {
            if (writes && (!watches || ctx.random().nextBoolean())) {
                long v = ctx.uniqueValue();
                ctx.write("write-config", "config", v, () -> Result.ok(v)
                        .withZxid(Znodes.zk(ctx).setData(PATH, Znodes.bytes(v), -1).getMzxid()));
                Thread.sleep(ctx.random().nextInt(20));
                return;
            }
            String event = fired.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                Result read = ctx.read("watch", "config", null, () -> {
                    Stat stat = new Stat();
                    Long v = Znodes.toLong(Znodes.zk(ctx).getData(PATH, watcher, stat));
                    return Result.ok(v).withZxid(stat.getMzxid()).with("event", event);
                });
                if (read.type() != io.chaoskeeper.history.Operation.Type.OK) {
                    fired.add("retry"); // the watch may not be set: read (and set it) again
                }
            }
        };
    }
}
