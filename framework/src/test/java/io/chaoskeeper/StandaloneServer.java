package io.chaoskeeper;

import io.chaoskeeper.cluster.ZooKeeperNode;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A standalone ZooKeeper server in the test JVM on a free loopback port: runs without Docker, in about a second. */
public final class StandaloneServer implements AutoCloseable {

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    /** Starts a server keeping its data in {@code dir}. */
    public StandaloneServer(Path dir) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir);
        server = new ZooKeeperServer(data.toFile(), data.toFile(), 200);
        connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 50);
        connections.startup(server);
    }

    /** The server as a node of a one-node ensemble. */
    public ZooKeeperNode node() {
        return new ZooKeeperNode(1, "zk1", "none", "127.0.0.1",
                new InetSocketAddress("127.0.0.1", connections.getLocalPort()));
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
