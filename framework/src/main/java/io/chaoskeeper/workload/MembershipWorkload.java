package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Group membership through ephemeral znodes: each client {@code join}s with its own session (ok value
 * {@code {"member", "session", "sessionTimeoutMs"}}), sometimes {@code leave}s by closing it, and sometimes has it
 * expired on purpose (a second handle with the same session id and password closes it). A session-expired event
 * seen by the client is recorded as an {@code expired} invoke/info pair, value {@code {"member", "session"}}. The
 * final phase asks every server for the {@code members} (ok value = list of member names).
 */
public final class MembershipWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/members";

    private double expiryRate = 0.05;
    private double leaveRate = 0.05;

    /** With the defaults. */
    public MembershipWorkload() {
        super("membership", PATH);
    }

    /** The chance a step expires the client's session (default 0.05). */
    public MembershipWorkload withExpiryRate(double rate) {
        this.expiryRate = rate;
        return this;
    }

    /** The chance a step closes the client's session (default 0.05). */
    public MembershipWorkload withLeaveRate(double rate) {
        this.leaveRate = rate;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("expiryRate", expiryRate);
        p.put("leaveRate", leaveRate);
        return p;
    }

    @Override
    public Client client(ClientContext ctx) {
        return new Member(ctx);
    }

    @Override
    public void finish(List<ClientContext> perServer) {
        Znodes.readChildrenEverywhere(perServer, "members", PATH, children -> children);
    }

    private final class Member implements Client {
        private final ClientContext ctx;
        private final String name;
        private volatile ZooKeeper session;
        private volatile boolean expired;

        Member(ClientContext ctx) {
            this.ctx = ctx;
            this.name = "member-" + ctx.index();
        }

        @Override
        public void step() throws Exception {
            ZooKeeper current = session;
            if (expired && current != null) {
                expired = false;
                Map<String, Object> v = Map.of("member", name, "session", hex(current.getSessionId()));
                ctx.complete(ctx.begin("expired", name, v), Result.info("session-expired").withValue(v));
                closeQuietly();
            }
            if (session == null) {
                if (ctx.write("join", name, null, this::join).type() != io.chaoskeeper.history.Operation.Type.OK) {
                    closeQuietly(); // no ephemeral node, or an unknown one: end the session and join afresh
                }
                return;
            }
            double dice = ctx.random().nextDouble();
            if (dice < leaveRate) {
                ctx.write("leave", name, null, () -> {
                    closeQuietly();
                    return Result.ok(null);
                });
            } else if (dice < leaveRate + expiryRate) {
                expire();
            } else {
                Thread.sleep(20);
            }
        }

        private Result join() throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(ctx.connectString(), (int) ctx.sessionTimeout().toMillis(), event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                } else if (event.getState() == Watcher.Event.KeeperState.Expired) {
                    expired = true;
                }
            });
            session = zk;
            if (!connected.await(ctx.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly();
                return Result.fail("not-connected");
            }
            zk.create(PATH + "/" + name, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("member", name);
            v.put("session", hex(zk.getSessionId()));
            v.put("sessionTimeoutMs", (long) zk.getSessionTimeout());
            return Result.ok(v);
        }

        /**
         * Closes the session from a second handle: the server expires it, and the member's handle learns it when
         * it reconnects; waits (bounded) for that, so that the next step records the {@code expired} event.
         */
        private void expire() throws Exception {
            ZooKeeper mine = session;
            CountDownLatch answered = new CountDownLatch(1);
            ZooKeeper twin = new ZooKeeper(ctx.connectString(), (int) ctx.sessionTimeout().toMillis(), event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected
                        || event.getState() == Watcher.Event.KeeperState.Expired) {
                    answered.countDown();
                }
            }, mine.getSessionId(), mine.getSessionPasswd());
            try {
                answered.await(ctx.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                twin.close();
            }
            long deadline = System.nanoTime() + 2 * ctx.sessionTimeout().toNanos();
            while (!expired && session == mine && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        private void closeQuietly() throws InterruptedException {
            ZooKeeper zk = session;
            session = null;
            if (zk != null) {
                zk.close();
            }
        }

        @Override
        public void close() throws Exception {
            closeQuietly();
        }
    }

    private static String hex(long sessionId) {
        return "0x" + Long.toHexString(sessionId);
    }

}
