package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers' own sockets, which keep them across restarts. They are taken below the
 * kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}): a port from that range, released while a node
 * is down, can become the source port of any outgoing connection (the proxies make many), and the node's restart
 * would then fail with "Address already in use" and exit.
 */
final class LocalPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 1_000;

    private LocalPorts() {
    }

    /** {@code count} distinct ports that were free a moment ago (all held at once, so none repeats). */
    static int[] free(int count) throws IOException {
        int below = ephemeralStart();
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = below - LOWEST >= ATTEMPTS ? bindBelow(below) : null;
                if (socket == null) { // no room below the ephemeral range: any port the kernel gives
                    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static ServerSocket bindBelow(int below) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(false);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        ThreadLocalRandom.current().nextInt(LOWEST, below)), 1);
                return socket;
            } catch (IOException taken) {
                socket.close();
            }
        }
        return null;
    }

    /** The first port of the kernel's ephemeral range; 32768 (Linux's default) where it cannot be read. */
    static int ephemeralStart() {
        // read as a stream: procfs reports a size of 0, which Files.readString trusts
        try (InputStream in = Files.newInputStream(EPHEMERAL_RANGE)) {
            String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
