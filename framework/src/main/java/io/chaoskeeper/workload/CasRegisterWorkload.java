package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.data.Stat;

import java.util.List;
import java.util.Map;

/**
 * The znode model: {@code read} → ok {@code [v, version]}; {@code write v} → ok {@code [v, newVersion]};
 * {@code cas [expectedVersion, v]} ({@code setData} with an expected version) → ok {@code [v, newVersion]} or
 * fail {@code bad-version}. {@code zxid} is the mzxid read or written.
 */
public final class CasRegisterWorkload extends PathWorkload {

    static final String ROOT = "/chaoskeeper/cas-register";

    private int keys = 3;
    private boolean syncReads;
    private boolean reads = true;

    /** With the defaults. */
    public CasRegisterWorkload() {
        super("cas-register", ROOT);
    }

    /** How many registers (default 3). */
    public CasRegisterWorkload withKeys(int count) {
        this.keys = Math.max(1, count);
        return this;
    }

    /**
     * Reads call {@code sync} first (default false: plain reads, which a follower serves from its own, possibly
     * stale, state, so that only writes and compare-and-sets are linearizable).
     */
    public CasRegisterWorkload withSyncReads(boolean sync) {
        this.syncReads = sync;
        return this;
    }

    /**
     * Whether clients read at all (default true). Without reads the history holds writes and compare-and-sets, each
     * answered with the version it made: what ZooKeeper promises to keep linearizable, whichever server a client
     * uses (a plain read may be stale by design, and a {@code sync}-then-read on the leader was seen stale too: see
     * docs/findings).
     */
    public CasRegisterWorkload withReads(boolean reads) {
        this.reads = reads;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("keys", keys);
        p.put("readMode", !reads ? "none" : syncReads ? "sync" : "plain");
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        Znodes.ensureKeys(admin, ROOT, keys);
    }

    @Override
    public Client client(ClientContext ctx) {
        Map<String, Long> lastVersion = new java.util.concurrent.ConcurrentHashMap<>();
        return () -> {
            String key = "r" + ctx.random().nextInt(keys);
            String path = ROOT + "/" + key;
            int dice = reads ? ctx.random().nextInt(3) : 1 + ctx.random().nextInt(2);
            if (dice == 0) {
                ctx.read("read", key, null, () -> {
                    if (syncReads) {
                        Znodes.zk(ctx).sync(path);
                    }
                    Stat stat = new Stat();
                    Long v = Znodes.toLong(Znodes.zk(ctx).getData(path, false, stat));
                    lastVersion.put(key, (long) stat.getVersion());
                    return Result.ok(java.util.Arrays.asList(v, (long) stat.getVersion())).withZxid(stat.getMzxid())
                            .with("readMode", syncReads ? "sync" : "plain");
                });
            } else {
                long v = ctx.uniqueValue();
                // guess the current version from what this client last saw, sometimes one behind: both outcomes
                long expected = lastVersion.getOrDefault(key, 0L) + ctx.random().nextInt(2);
                boolean cas = dice == 1;
                ctx.write(cas ? "cas" : "write", key, cas ? List.of(expected, v) : v, () -> {
                    Stat stat = Znodes.zk(ctx).setData(path, Znodes.bytes(v), cas ? (int) expected : -1);
                    lastVersion.put(key, (long) stat.getVersion());
                    return Result.ok(List.of(v, (long) stat.getVersion())).withZxid(stat.getMzxid());
                });
            }
        };
    }
}
