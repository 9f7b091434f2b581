package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.util.Map;

/**
 * A register per key, one znode each: {@code read} (plain, or {@code sync} then read) and {@code write} of unique
 * values. Reads: ok value = Long or null, {@code zxid} = mzxid, {@code extra.version}, {@code extra.readMode}.
 */
public final class RegisterWorkload extends PathWorkload {

    /** How reads are done. */
    public enum ReadMode {
        /** {@code getData} from the client's server, which may lag the leader. */
        PLAIN,
        /** {@code sync} then {@code getData}. */
        SYNC,
        /** Each read picks one of the two at random. */
        MIXED
    }

    static final String ROOT = "/chaoskeeper/register";

    private int keys = 3;
    private ReadMode readMode = ReadMode.MIXED;
    private double readRatio = 0.5;

    /** With the defaults. */
    public RegisterWorkload() {
        super("register", ROOT);
    }

    /** How many registers (default 3). */
    public RegisterWorkload withKeys(int count) {
        this.keys = Math.max(1, count);
        return this;
    }

    /** How reads are done (default {@link ReadMode#MIXED}). */
    public RegisterWorkload withReadMode(ReadMode mode) {
        this.readMode = mode;
        return this;
    }

    /** The share of reads among operations (default 0.5). */
    public RegisterWorkload withReadRatio(double ratio) {
        this.readRatio = ratio;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("keys", keys);
        p.put("readMode", readMode.name().toLowerCase(java.util.Locale.ROOT));
        p.put("readRatio", readRatio);
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        Znodes.ensureKeys(admin, ROOT, keys);
    }

    @Override
    public Client client(ClientContext ctx) {
        return () -> {
            String key = "r" + ctx.random().nextInt(keys);
            String path = ROOT + "/" + key;
            if (ctx.random().nextDouble() < readRatio) {
                boolean sync = readMode == ReadMode.SYNC || readMode == ReadMode.MIXED && ctx.random().nextBoolean();
                ctx.read("read", key, null, () -> Znodes.readLong(Znodes.zk(ctx), path, sync)
                        .with("readMode", sync ? "sync" : "plain"));
            } else {
                long v = ctx.uniqueValue();
                ctx.write("write", key, v, () -> {
                    ZooKeeper zk = Znodes.zk(ctx);
                    Stat stat = zk.setData(path, Znodes.bytes(v), -1);
                    return Result.ok(v).withZxid(stat.getMzxid()).with("version", (long) stat.getVersion());
                });
            }
        };
    }
}
