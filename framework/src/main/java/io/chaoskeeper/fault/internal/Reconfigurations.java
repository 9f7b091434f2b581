package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.SuperUser;
import io.chaoskeeper.cluster.internal.ZooCfg;
import io.chaoskeeper.fault.FaultException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Removes voting members and adds them back through ZooKeeper's admin API ({@code reconfig}), as the
 * {@link SuperUser}. A removed server's line is kept as the ensemble printed it, so adding it back restores what was
 * there, with the client port that ZooKeeper wants of a joining server. Each call goes to the other members,
 * whichever of them answers, and the leader orders it.
 */
final class Reconfigurations {

    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int SESSION_TIMEOUT_MS = 4000;

    private final Collection<ZooKeeperNode> nodes;
    /** The server line of each node this removed and has not added back, by node name. */
    private final Map<String, String> removed = new ConcurrentHashMap<>();

    Reconfigurations(Collection<ZooKeeperNode> nodes) {
        this.nodes = nodes;
    }

    /** Removes the node from the voting members. */
    void remove(ZooKeeperNode node) {
        withAdmin(node, admin -> {
            String line = serverLine(config(admin), node.id()).orElseThrow(() -> new FaultException(node.name()
                    + " is not a member in the ensemble's configuration, so it cannot be removed"));
            admin.reconfigure(null, Integer.toString(node.id()), null, -1, null);
            // a joining server must name its client port; the ensemble's lines leave it to zoo.cfg's clientPort
            removed.put(node.name(), line.contains(";") ? line : line + ";" + ZooCfg.CLIENT_PORT);
        });
    }

    /** Adds a node this removed back with its old server line; nothing when it was not removed or is back. */
    void addBack(ZooKeeperNode node) {
        String line = removed.get(node.name());
        if (line == null) {
            return;
        }
        withAdmin(node, admin -> {
            if (serverLine(config(admin), node.id()).isEmpty()) {
                admin.reconfigure(line, null, null, -1, null);
            }
            removed.remove(node.name());
        });
    }

    /** The line {@code server.<id>=...} of this configuration, if it has the server. */
    static Optional<String> serverLine(String config, int id) {
        String prefix = "server." + id + "=";
        return config.lines().filter(line -> line.startsWith(prefix)).findFirst();
    }

    private static String config(ZooKeeperAdmin admin) throws KeeperException, InterruptedException {
        return new String(admin.getConfig(false, null), StandardCharsets.UTF_8);
    }

    private interface AdminCall {
        void run(ZooKeeperAdmin admin) throws KeeperException, InterruptedException;
    }

    /** Runs the call on a super-user session with the members other than {@code node}, and closes it. */
    private void withAdmin(ZooKeeperNode node, AdminCall call) {
        String others = nodes.stream().filter(other -> !other.name().equals(node.name()))
                .map(ZooKeeperNode::connectString).collect(Collectors.joining(","));
        try {
            ZooKeeperAdmin admin = connect(others);
            try {
                call.run(admin);
            } finally {
                admin.close();
            }
        } catch (KeeperException.ReconfigDisabledException e) {
            throw new FaultException("the ensemble does not allow reconfiguration: start it with"
                    + " withDynamicMembership() (reconfigEnabled=true)");
        } catch (KeeperException e) {
            throw new FaultException("reconfig of " + node.name() + " failed: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new FaultException("cannot open an admin session to " + others + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while changing the membership of " + node.name());
        }
    }

    /** A super-user session, connected; a reconfig that cannot reach a quorum ends within the request timeout. */
    private static ZooKeeperAdmin connect(String servers) throws java.io.IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Long.toString(REQUEST_TIMEOUT.toMillis()));
        ZooKeeperAdmin admin = new ZooKeeperAdmin(servers, SESSION_TIMEOUT_MS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, config);
        SuperUser.authenticate(admin);
        if (!connected.await(CONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
            admin.close();
            throw new FaultException("no other member answered within " + CONNECT.toSeconds()
                    + " s, so the membership could not be changed");
        }
        return admin;
    }
}
