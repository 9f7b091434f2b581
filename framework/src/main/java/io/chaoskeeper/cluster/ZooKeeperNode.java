package io.chaoskeeper.cluster;

import io.chaoskeeper.cluster.internal.FourLetterWord;
import org.apache.zookeeper.client.FourLetterWordMain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One server of an ensemble: how clients reach it (a port on 127.0.0.1) and how the fault layer reaches it
 * (its container and its address on the ensemble's private network).
 */
public final class ZooKeeperNode {

    private final int id;
    private final String name;
    private final String containerId;
    private final String networkIp;
    private final InetSocketAddress clientAddress;

    /**
     * @param id            the server id ({@code myid}), from 1
     * @param name          the node's host name on the ensemble network, e.g. {@code zk1}
     * @param containerId   the Docker container id
     * @param networkIp     the container's IP address on the ensemble network
     * @param clientAddress the client port as published on the loopback interface
     */
    public ZooKeeperNode(int id, String name, String containerId, String networkIp, InetSocketAddress clientAddress) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.containerId = Objects.requireNonNull(containerId, "containerId");
        this.networkIp = Objects.requireNonNull(networkIp, "networkIp");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** The server id ({@code myid}), from 1. */
    public int id() {
        return id;
    }

    /** The node's host name on the ensemble network, e.g. {@code zk1}. */
    public String name() {
        return name;
    }

    /** The Docker container id. */
    public String containerId() {
        return containerId;
    }

    /** The container's IP address on the ensemble network. */
    public String networkIp() {
        return networkIp;
    }

    /** The client port as published on 127.0.0.1. */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** A connect string naming this node only, e.g. {@code 127.0.0.1:32768}. */
    public String connectString() {
        return clientAddress.getHostString() + ":" + clientAddress.getPort();
    }

    /** The node's mode, asked with {@code srvr}; {@link NodeMode#SILENT} if it does not answer in 1 s. */
    public NodeMode mode() {
        return mode(Duration.ofSeconds(1));
    }

    /** The node's mode, asked with {@code srvr}; {@link NodeMode#SILENT} if it does not answer in time. */
    public NodeMode mode(Duration timeout) {
        String answer = fourLetterWord("srvr", timeout);
        if (answer.isEmpty()) {
            return NodeMode.SILENT;
        }
        for (String line : answer.split("\n")) {
            if (line.startsWith("Mode:")) {
                return NodeMode.parse(line.substring("Mode:".length()));
            }
        }
        return NodeMode.NOT_SERVING;
    }

    /**
     * Sends a four-letter command (it must be whitelisted in the server's config) with ZooKeeper's own client,
     * {@link FourLetterWordMain}, and returns the answer, or "" when the node does not answer within the timeout
     * (which bounds the connect and each read).
     */
    public String fourLetterWord(String command, Duration timeout) {
        return FourLetterWord.ask(clientAddress, command, timeout);
    }

    @Override
    public String toString() {
        return name + "(" + connectString() + ", " + networkIp + ")";
    }
}
