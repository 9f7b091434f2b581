package io.chaoskeeper.scenarios;

import io.chaoskeeper.workload.ClientContext;
import io.chaoskeeper.workload.Result;
import io.chaoskeeper.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * One register written through the followers and read with {@code sync} then {@code getData} on the leader: the
 * shape of the cas-register history ({@code write v} → ok {@code [v, version]}, {@code read} → ok
 * {@code [v, version]} with {@code readMode = sync}; zxid = the mzxid written or read), so that
 * {@link io.chaoskeeper.check.ZooKeeperGuaranteesChecker} reports each stale sync-then-read.
 *
 * <p>Every client bound to the leader reads: the first waits for {@code sync} to return before it reads (as
 * {@link io.chaoskeeper.workload.CasRegisterWorkload} does), the others send {@code getData} right behind an
 * asynchronous {@code sync} (the session's FIFO order puts the read after the sync; {@code extra.sync =
 * "pipelined"}). On each follower the first client bound to it reads with {@code sync} too (the control group: a
 * follower's {@code sync} goes through the leader, in order behind the commits it already sent) and the others
 * write.
 */
final class LeaderSyncReadWorkload implements Workload {

    static final String PATH = "/chaoskeeper/sync-on-leader/r0";
    static final String KEY = "r0";

    private final String leader;
    private final int nodes;

    /** Reads on {@code leader} (a node name); {@code nodes} is the ensemble's size (client i talks to node i mod n). */
    LeaderSyncReadWorkload(String leader, int nodes) {
        this.leader = leader;
        this.nodes = nodes;
    }

    @Override
    public String name() {
        return "sync-on-leader";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", PATH);
        p.put("leader", leader);
        p.put("readMode", "sync");
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        admin.curator().createContainers(PATH.substring(0, PATH.lastIndexOf('/')));
        try {
            zk(admin).create(PATH, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException rerun) {
            // a later run on the same ensemble: the register goes on from its last version
        }
    }

    @Override
    public Client client(ClientContext ctx) {
        boolean onLeader = ctx.node() != null && ctx.node().name().equals(leader);
        int rank = ctx.index() / nodes;
        return onLeader || rank == 0 ? () -> syncRead(ctx, onLeader && rank > 0) : () -> write(ctx);
    }

    private static void syncRead(ClientContext ctx, boolean pipelined) {
        ctx.read("read", KEY, null, () -> {
            ZooKeeper zk = zk(ctx);
            CompletableFuture<Integer> synced = new CompletableFuture<>();
            if (pipelined) {
                zk.sync(PATH, (rc, path, context) -> synced.complete(rc), null);
            } else {
                zk.sync(PATH);
                synced.complete(KeeperException.Code.OK.intValue());
            }
            Stat stat = new Stat();
            byte[] data = zk.getData(PATH, false, stat);
            int rc = synced.get(2, TimeUnit.SECONDS);
            if (rc != KeeperException.Code.OK.intValue()) {
                throw KeeperException.create(KeeperException.Code.get(rc), PATH);
            }
            Long value = data.length == 0 ? null : Long.valueOf(new String(data, StandardCharsets.UTF_8));
            return Result.ok(java.util.Arrays.asList(value, (long) stat.getVersion())).withZxid(stat.getMzxid())
                    .with("readMode", "sync").with("sync", pipelined ? "pipelined" : "blocking");
        });
    }

    private static void write(ClientContext ctx) {
        long v = ctx.uniqueValue();
        ctx.write("write", KEY, v, () -> {
            Stat stat = zk(ctx).setData(PATH, String.valueOf(v).getBytes(StandardCharsets.UTF_8), -1);
            return Result.ok(List.of(v, (long) stat.getVersion())).withZxid(stat.getMzxid());
        });
    }

    private static ZooKeeper zk(ClientContext ctx) throws Exception {
        return ctx.curator().getZookeeperClient().getZooKeeper();
    }
}
