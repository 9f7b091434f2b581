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
 * A queue over persistent sequential znodes (the classic ZooKeeper recipe), spread over shards so that no list
 * answer nears ZooKeeper's 1 MB packet limit however long the run: {@code enqueue v} → ok, into shard
 * {@code s<v mod shards>}; {@code dequeue} takes the lowest child of the first non-empty shard from a random one on
 * (read it, delete it; a child another consumer deleted first is skipped) → ok value v, or fail {@code empty} when
 * every shard is empty. Each shard is FIFO; the queue as a whole is not, and its checker asks only for no loss
 * and no double delivery. The final phase drains the queue with {@code dequeue} from the first server.
 */
public final class QueueWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/queue";

    private int maxDrain = 100_000;
    private int shards = 16;

    /** With the defaults. */
    public QueueWorkload() {
        super("queue", PATH);
    }

    /** The most dequeues the final drain does (default 100 000), which bounds it. */
    public QueueWorkload withMaxDrain(int count) {
        this.maxDrain = count;
        return this;
    }

    /** Over how many parent znodes the elements spread (default 16). */
    public QueueWorkload withShards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a queue needs at least one shard, not " + count);
        }
        this.shards = count;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("maxDrain", maxDrain);
        p.put("shards", shards);
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        Znodes.ensureShards(admin, PATH, shards);
    }

    @Override
    public Client client(ClientContext ctx) {
        return () -> {
            if (ctx.random().nextBoolean()) {
                long v = ctx.uniqueValue();
                ctx.write("enqueue", "queue", v, () -> {
                    Znodes.zk(ctx).create(Znodes.shard(PATH, Math.floorMod(v, shards)) + "/q-", Znodes.bytes(v),
                            ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
                    return Result.ok(v);
                });
            } else {
                dequeue(ctx);
            }
        };
    }

    private Result dequeue(ClientContext ctx) {
        int first = ctx.random().nextInt(shards);
        return ctx.write("dequeue", "queue", null, () -> {
            ZooKeeper zk = Znodes.zk(ctx);
            for (int i = 0; i < shards; i++) {
                String shard = Znodes.shard(PATH, (first + i) % shards);
                List<String> children = new ArrayList<>(zk.getChildren(shard, false));
                Collections.sort(children);
                for (String child : children) {
                    try {
                        byte[] data = zk.getData(shard + "/" + child, false, null);
                        zk.delete(shard + "/" + child, -1);
                        return Result.ok(Znodes.toLong(data));
                    } catch (KeeperException.NoNodeException takenByAnother) {
                        // another consumer won this element; try the next
                    }
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
