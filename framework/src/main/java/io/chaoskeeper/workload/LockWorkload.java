package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lock and the resource it guards. {@code acquire} → ok value = fencing token ({@code extra.tokenKind}),
 * {@code release} → ok or fail {@code not-held}, and while the client believes it holds the lock,
 * {@code guarded-update {"token": t}} → ok {@code {"token", "read", "wrote", "lastToken"}}: a read-modify-write of
 * a counter znode that also keeps the last token. {@code extra.recipe} names the lock recipe:
 * <ul>
 *   <li>{@code curator-mutex}: Curator's {@link InterProcessMutex}; the token is the lock node's czxid.</li>
 *   <li>{@code unsafe}: deliberately broken for expected-anomaly scenarios: read the owner znode and, if free,
 *   write yourself into it without a version check (check-then-act), ignoring session loss; the token is the
 *   owner write's mzxid.</li>
 * </ul>
 * Fenced mode rejects a token lower than the resource's last token ({@code fail stale-token}) and writes with
 * the version it read; unfenced mode writes unconditionally.
 */
public final class LockWorkload implements Workload {

    /** The lock recipe. */
    public enum Recipe {
        /** Curator's InterProcessMutex. */
        CURATOR_MUTEX,
        /** Check-then-set on an owner znode: unsafe on purpose. */
        UNSAFE
    }

    static final String ROOT = "/chaoskeeper/lock";
    static final String RESOURCE = ROOT + "/resource";
    static final String OWNER = ROOT + "/unsafe-owner";

    private Recipe recipe = Recipe.CURATOR_MUTEX;
    private boolean fenced;
    private GuardedStorage storage;
    private int minUpdates;
    private int maxUpdates = 2;

    /** The lock recipe (default {@link Recipe#CURATOR_MUTEX}). */
    public LockWorkload withRecipe(Recipe newRecipe) {
        this.recipe = newRecipe;
        return this;
    }

    /** Whether the guarded resource rejects stale tokens (default false: unfenced). */
    public LockWorkload withFencing(boolean on) {
        this.fenced = on;
        return this;
    }

    /**
     * Guards this storage outside ZooKeeper instead of a counter znode, so that a holder cut off from ZooKeeper can
     * still write (default: the counter znode).
     */
    public LockWorkload withStorage(GuardedStorage guarded) {
        this.storage = guarded;
        return this;
    }

    /** Each time it holds the lock a client does {@code min} to {@code max} guarded updates (default 0 to 2). */
    public LockWorkload withUpdatesPerHold(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("updates per hold need 0 <= min <= max, not " + min + " to " + max);
        }
        this.minUpdates = min;
        this.maxUpdates = max;
        return this;
    }

    @Override
    public String name() {
        return "lock";
    }

    private String recipeName() {
        return recipe == Recipe.CURATOR_MUTEX ? "curator-mutex" : "unsafe";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("recipe", recipeName());
        p.put("fenced", fenced);
        p.put("resource", storage == null ? "znode" : "storage");
        p.put("updatesPerHold", List.of(minUpdates, maxUpdates));
        return p;
    }

    @Override
    public void setup(ClientContext admin) throws Exception {
        Znodes.ensure(admin, RESOURCE);
        Znodes.ensure(admin, OWNER);
    }

    @Override
    public Client client(ClientContext ctx) {
        return new LockClient(ctx);
    }

    /** Exposes the path of the lock node the mutex holds, to read its czxid. */
    private static final class Mutex extends InterProcessMutex {
        Mutex(ClientContext ctx) {
            super(ctx.curator(), ROOT + "/mutex");
        }

        String lockPath() {
            return getLockPath();
        }
    }

    private final class LockClient implements Client {
        private final ClientContext ctx;
        private final Mutex mutex;
        private final String me;
        private Long token;

        LockClient(ClientContext ctx) {
            this.ctx = ctx;
            this.mutex = new Mutex(ctx);
            this.me = "client-" + ctx.index();
        }

        @Override
        public void step() throws Exception {
            if (token == null) {
                Result r = ctx.write("acquire", "lock", null, this::acquire);
                token = r.type() == io.chaoskeeper.history.Operation.Type.OK ? (Long) r.value() : null;
                if (r.type() == io.chaoskeeper.history.Operation.Type.INFO) {
                    // it may hold the lock without knowing: give it back so that others are not starved. Not
                    // recorded: after an info this thread is a new process, which never acquired the lock
                    releaseQuietly();
                    Thread.sleep(ctx.random().nextInt(50));
                } else if (token == null) {
                    Thread.sleep(ctx.random().nextInt(50));
                }
                return;
            }
            for (int i = minUpdates + ctx.random().nextInt(maxUpdates - minUpdates + 1); i > 0; i--) {
                long t = token;
                ctx.write("guarded-update", "resource", Map.of("token", t), () -> guardedUpdate(t));
            }
            ctx.write("release", "lock", null, this::release);
            token = null; // whatever the outcome, this client no longer believes it holds the lock
        }

        private Result tagged(Result r) {
            // extra.client survives the new process after an info, so a continued client may release its lock
            return r.with("recipe", recipeName()).with("client", (long) ctx.index());
        }

        private Result acquire() throws Exception {
            ZooKeeper zk = Znodes.zk(ctx);
            if (recipe == Recipe.CURATOR_MUTEX) {
                // an acquire that timed out may have got the lock after all; the mutex is re-entrant, so give
                // those holds back first or this acquire would re-enter them under the old token
                while (mutex.isOwnedByCurrentThread()) {
                    mutex.release();
                }
                if (!mutex.acquire(1, TimeUnit.SECONDS)) {
                    return tagged(Result.fail("timeout"));
                }
                Stat stat = zk.exists(mutex.lockPath(), false);
                if (stat == null) {
                    return tagged(Result.info("lock-node-gone"));
                }
                return tagged(Result.ok(stat.getCzxid()).with("tokenKind", "czxid"));
            }
            byte[] owner = zk.getData(OWNER, false, null);
            if (owner.length > 0) {
                return tagged(Result.fail("held-by-another"));
            }
            Stat stat = zk.setData(OWNER, me.getBytes(StandardCharsets.UTF_8), -1); // no version: the flaw
            return tagged(Result.ok(stat.getMzxid()).with("tokenKind", "mzxid"));
        }

        private void releaseQuietly() {
            if (recipe == Recipe.CURATOR_MUTEX) {
                return; // the mutex belongs to the operation thread: the next acquire gives back what it holds
            }
            try {
                ZooKeeper zk = Znodes.zk(ctx);
                Stat stat = new Stat();
                if (me.equals(new String(zk.getData(OWNER, false, stat), StandardCharsets.UTF_8))) {
                    zk.setData(OWNER, new byte[0], stat.getVersion());
                }
            } catch (Exception e) {
                // the lock is lost with the session anyway
            }
        }

        private Result release() throws Exception {
            if (recipe == Recipe.CURATOR_MUTEX) {
                try {
                    mutex.release();
                } catch (IllegalMonitorStateException notOwner) {
                    return tagged(Result.fail("not-held"));
                }
                return tagged(Result.ok(null));
            }
            ZooKeeper zk = Znodes.zk(ctx);
            if (!me.equals(new String(zk.getData(OWNER, false, null), StandardCharsets.UTF_8))) {
                return tagged(Result.fail("not-held"));
            }
            zk.setData(OWNER, new byte[0], -1);
            return tagged(Result.ok(null));
        }

        private Result guardedUpdate(long t) throws Exception {
            if (storage != null) {
                try {
                    String writer = ctx.node() == null ? me : ctx.node().name();
                    return tagged(Result.ok(storage.update(t, writer, fenced)));
                } catch (GuardedStorage.StaleTokenException e) {
                    return tagged(Result.fail("stale-token").with("lastToken", e.lastToken()));
                }
            }
            ZooKeeper zk = Znodes.zk(ctx);
            Stat stat = new Stat();
            String data = new String(zk.getData(RESOURCE, false, stat), StandardCharsets.UTF_8);
            long count = data.isEmpty() ? 0 : Long.parseLong(data.substring(0, data.indexOf(',')));
            long lastToken = data.isEmpty() ? -1 : Long.parseLong(data.substring(data.indexOf(',') + 1));
            if (fenced && t < lastToken) {
                return tagged(Result.fail("stale-token").with("lastToken", lastToken));
            }
            byte[] next = ((count + 1) + "," + t).getBytes(StandardCharsets.UTF_8);
            try {
                zk.setData(RESOURCE, next, fenced ? stat.getVersion() : -1);
            } catch (KeeperException.BadVersionException raced) {
                return tagged(Result.fail("bad-version"));
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("token", t);
            v.put("read", count);
            v.put("wrote", count + 1);
            v.put("lastToken", lastToken);
            return tagged(Result.ok(v));
        }

        @Override
        public void close() throws Exception {
            if (token != null && recipe == Recipe.CURATOR_MUTEX && mutex.isAcquiredInThisProcess()) {
                ctx.write("release", "lock", null, this::release);
            }
        }
    }
}
