package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue over persistent sequential znodes (the classic ZooKeeper recipe): {@code enqueue v} → ok;
 * {@code dequeue} takes the lowest child (read it, delete it; a child another consumer deleted first is skipped)
 * → ok value v, or fail {@code empty}. The final phase drains the queue with {@code dequeue} from the first server.
 */
public final class QueueWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/queue";

    private int maxDrain = 100_000;

    /** With the defaults. */
    public QueueWorkload() {
        super("queue", PATH);
    }

    /** The most dequeues the final drain does (default 100 000), which bounds it. */
    public QueueWorkload withMaxDrain(int count) {
        this.maxDrain = count;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("maxDrain", maxDrain);
        return p;
    }

    @Override
    public Client client(ClientContext ctx) {
        return () -> {
            if (ctx.random().nextBoolean()) {
                long v = ctx.uniqueValue();
                ctx.write("enqueue", "queue", v, () -> {
                    Znodes.zk(ctx).create(PATH + "/q-", Znodes.bytes(v), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT_SEQUENTIAL);
                    return Result.ok(v);
                });
            } else {
                dequeue(ctx);
            }
        };
    }

    private static Result dequeue(ClientContext ctx) {
        return ctx.write("dequeue", "queue", null, () -> {
            ZooKeeper zk = Znodes.zk(ctx);
            List<String> children = new ArrayList<>(zk.getChildren(PATH, false));
            Collections.sort(children);
            for (String child : children) {
                String path = PATH + "/" + child;
                try {
                    byte[] data = zk.getData(path, false, null);
                    zk.delete(path, -1);
                    return Result.ok(Znodes.toLong(data));
                } catch (KeeperException.NoNodeException takenByAnother) {
                    // another consumer won this element; try the next
                }
            }
            return Result.fail("empty");
        });
    }

    @Override
    public void finish(List<ClientContext> perServer) {
        ClientContext drainer = perServer.get(0);
        for (int i = 0; i < maxDrain; i++) {
            if (dequeue(drainer).type() != io.chaoskeeper.history.Operation.Type.OK) {
                return; // empty, or the server is unreachable: either way the drain is over
            }
        }
    }
}
