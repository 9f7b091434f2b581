package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

import java.util.List;
import java.util.Map;

/**
 * Data sync: {@code add e} (a unique Long) creates a persistent sequential child {@code e-<e>-<seq>} of shard
 * {@code s<e mod shards>} → ok; the final phase asks every server, after {@code sync}, for the elements:
 * {@code read} with {@code node} = that server → ok value = sorted list of elements. The shards keep every list
 * answer far below ZooKeeper's 1 MB packet limit: 64 shards hold about two million elements.
 */
public final class SetWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/set";

    private int shards = 64;

    /** With the defaults. */
    public SetWorkload() {
        super("set", PATH);
    }

    /** Over how many parent znodes the elements spread (default 64). */
    public SetWorkload withShards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a set needs at least one shard, not " + count);
        }
        this.shards = count;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
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
            long e = ctx.uniqueValue();
            ctx.write("add", "set", e, () -> {
                Stat created = new Stat(); // its czxid lets zab-logs check that every server's log holds the add
                Znodes.zk(ctx).create(Znodes.shard(PATH, Math.floorMod(e, shards)) + "/e-" + e + "-", new byte[0],
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, created);
                return Result.ok(e).withZxid(created.getCzxid());
            });
        };
    }

    @Override
    public void finish(List<ClientContext> perServer) {
        Znodes.readShardsEverywhere(perServer, "read", PATH, shards, children -> children.stream()
                .map(c -> Long.valueOf(c.substring(2, c.lastIndexOf('-')))).sorted().toList());
    }
}
