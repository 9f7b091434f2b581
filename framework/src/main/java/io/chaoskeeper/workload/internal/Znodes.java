package io.chaoskeeper.workload.internal;

import io.chaoskeeper.workload.ClientContext;
import io.chaoskeeper.workload.Result;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the workloads: values as znode data, creating paths, sync-then-read. */
public final class Znodes {

    private Znodes() {
    }

    /** The raw ZooKeeper handle of a context's Curator client. */
    public static ZooKeeper zk(ClientContext context) throws Exception {
        return context.curator().getZookeeperClient().getZooKeeper();
    }

    /** A value as znode data (its decimal text). */
    public static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Znode data as a Long, or null when the znode is empty. */
    public static Long toLong(byte[] data) {
        return data == null || data.length == 0 ? null : Long.valueOf(new String(data, StandardCharsets.UTF_8));
    }

    /** Creates a persistent znode and its parents with empty data unless it exists. */
    public static void ensure(ClientContext admin, String path) throws Exception {
        // persistent, parents too, never containers: the server deletes a container znode once it has been emptied
        // (ContainerManager, every minute), so a queue shard or a group that a long run empties would vanish and
        // every later call under it fail with no-node
        try {
            admin.curator().create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(path, new byte[0]);
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // a rerun in the same ensemble
        }
    }

    /** Creates the registers {@code root/r0} .. {@code root/r<keys-1>}, empty, unless they exist. */
    public static void ensureKeys(ClientContext admin, String root, int keys) throws Exception {
        for (int k = 0; k < keys; k++) {
            ensure(admin, root + "/r" + k);
        }
    }

    /** Reads a znode's data and stat, after a {@code sync} when asked: ok value = Long or null, zxid = mzxid. */
    public static Result readLong(ZooKeeper zk, String path, boolean sync) throws Exception {
        if (sync) {
            zk.sync(path);
        }
        Stat stat = new Stat();
        Long value = toLong(zk.getData(path, false, stat));
        return Result.ok(value).withZxid(stat.getMzxid()).with("version", (long) stat.getVersion());
    }

    /**
     * The parent of shard {@code k} under {@code root}. Workloads that grow spread their children over shards, so
     * no list answer nears ZooKeeper's packet limit ({@code jute.maxbuffer}, 1 MB), which drops the connection.
     */
    public static String shard(String root, long k) {
        return root + "/s" + k;
    }

    /** Creates {@code root} and its shards {@code s0} .. {@code s<shards-1>} unless they exist. */
    public static void ensureShards(ClientContext admin, String root, int shards) throws Exception {
        ensure(admin, root);
        for (int k = 0; k < shards; k++) {
            ensure(admin, shard(root, k));
        }
    }

    /** A final-phase read on each server after {@code sync}: the children of {@code path}, mapped. */
    public static void readChildrenEverywhere(List<ClientContext> perServer, String f, String path,
                                              java.util.function.Function<List<String>, Object> value) {
        readEverywhere(perServer, f, path, List.of(path), value);
    }

    /**
     * A final-phase read on each server after {@code sync}: the children of every shard of {@code root}, each
     * listed on its own so each answer stays small, sorted together and mapped.
     */
    public static void readShardsEverywhere(List<ClientContext> perServer, String f, String root, int shards,
                                            java.util.function.Function<List<String>, Object> value) {
        List<String> parents = java.util.stream.IntStream.range(0, shards).mapToObj(k -> shard(root, k)).toList();
        readEverywhere(perServer, f, root, parents, value);
    }

    private static void readEverywhere(List<ClientContext> perServer, String f, String root, List<String> parents,
                                       java.util.function.Function<List<String>, Object> value) {
        for (ClientContext server : perServer) {
            server.read(f, root, null, () -> {
                ZooKeeper zk = zk(server);
                zk.sync(root); // one sync brings the server up to date for every path
                List<String> children = new ArrayList<>();
                for (String parent : parents) {
                    children.addAll(zk.getChildren(parent, false));
                }
                java.util.Collections.sort(children);
                return Result.ok(value.apply(children));
            });
        }
    }
}
