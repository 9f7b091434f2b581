package io.chaoskeeper.cluster.internal.local;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxies of a two-node local network, in front of echo servers standing in for the nodes' ports. */
class LocalNetworkTest {

    private final ServerSocket[] targets = new ServerSocket[6];
    private final java.util.List<Thread> echoes = new java.util.ArrayList<>();
    private LocalNetwork network;

    @BeforeEach
    void open() throws IOException {
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            ServerSocket server = targets[i];
            Thread echo = new Thread(() -> echo(server));
            echo.setDaemon(true);
            echo.start();
            echoes.add(echo);
        }
        network = new LocalNetwork("test", new int[] {port(0), port(1)}, new int[] {port(2), port(3)},
                new int[] {port(4), port(5)});
    }

    @AfterEach
    void close() throws IOException {
        network.close();
        for (ServerSocket target : targets) {
            target.close();
        }
    }

    @Test
    void bytesPassBothWaysUntilAPairIsCutThenConnectionsCloseAndNewOnesAreRefused() throws Exception {
        try (Socket socket = connect(network.quorumPort(1, 2))) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            network.block(Map.of("zk2", List.of("zk1"), "zk1", List.of("zk2")));
            assertThat(socket.getInputStream().read()).as("the live connection ends").isEqualTo(-1);
        }
        try (Socket refused = connect(network.quorumPort(1, 2))) {
            assertThat(refused.getInputStream().read()).as("a new connection is closed at once").isEqualTo(-1);
        }
        network.unblock(Map.of("zk2", List.of("zk1"), "zk1", List.of("zk2")));
        try (Socket healed = connect(network.quorumPort(1, 2))) {
            assertThat(roundTrip(healed, "again")).isEqualTo("again");
        }
    }

    @Test
    void aOneWayGrudgeStallsOnlyThatDirectionAndHealingReleasesTheBytes() throws Exception {
        try (Socket socket = connect(network.quorumPort(1, 2))) {
            network.block(Map.of("zk2", List.of("zk1"))); // zk2 no longer hears zk1
            socket.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            network.unblock(Map.of("zk2", List.of("zk1")));
            socket.setSoTimeout(5000);
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("late");
        }
    }

    @Test
    void overlappingGrudgesHealIndependently() throws Exception {
        Map<String, List<String>> cut = Map.of("zk2", List.of("zk1"), "zk1", List.of("zk2"));
        network.block(cut);
        network.block(cut);
        network.unblock(cut);
        try (Socket stillCut = connect(network.electionPort(2, 1))) {
            assertThat(stillCut.getInputStream().read()).isEqualTo(-1);
        }
        network.unblock(cut);
        try (Socket open = connect(network.electionPort(2, 1))) {
            open.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertThat(open.getInputStream().readNBytes(8)).hasSize(8);
        }
    }

    @Test
    void aHalfCloseReachesTheServerAndItsAnswerStillComesBack() throws Exception {
        try (Socket client = connect(network.clientPort(1))) {
            client.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput(); // as ZooKeeper's FourLetterWordMain does before it reads the answer
            client.setSoTimeout(5000);
            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("srvr");
        }
    }

    @Test
    void cuttingClientsClosesOnlyTheClientProxy() throws Exception {
        network.block(Map.of("zk1", List.of(LocalNetwork.CLIENTS)));
        try (Socket client = connect(network.clientPort(1)); Socket peer = connect(network.quorumPort(2, 1))) {
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(roundTrip(peer, "peer")).isEqualTo("peer");
        }
    }

    @Test
    void aDelayOnASenderSlowsItsPairByThatMuch() throws Exception {
        try (Socket socket = connect(network.quorumPort(1, 2))) {
            long before = timedRoundTrip(socket);
            network.shape("zk1", List.of("zk2"), Duration.ofMillis(200), Duration.ZERO, 0);
            long during = timedRoundTrip(socket);
            network.shape("zk1", List.of("zk2"), Duration.ZERO, Duration.ZERO, 0);
            // every delayed round trip takes the delay at least; the machine's load only adds to both
            assertThat(during).isGreaterThanOrEqualTo(200).isGreaterThan(before);
            assertThat(timedRoundTrip(socket)).isLessThan(during);
        }
    }

    @Test
    void theElectionGreetingNamesTheReverseProxyAsTheCallersAddress() throws Exception {
        try (Socket socket = connect(network.electionPort(1, 2))) {
            byte[] address = "127.0.0.1:3888".getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeLong(-65536L);
            out.writeLong(1);
            out.writeInt(address.length);
            out.write(address);
            out.write("tail".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readLong()).isEqualTo(-65536L);
            assertThat(in.readLong()).isEqualTo(1);
            byte[] echoed = new byte[in.readInt()];
            in.readFully(echoed);
            assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("127.0.0.1:" + network.electionPort(2, 1));
            assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("tail");
        }
    }

    @Test
    void anUnknownNodeIsRefusedNamingIt() {
        assertThatThrownBy(() -> network.block(Map.of("zk7x", List.of("zk1"))))
                .hasMessageContaining("zk7x: no such node");
    }

    /** The fastest of three round trips, in milliseconds: the least disturbed by other load. */
    private long timedRoundTrip(Socket socket) throws IOException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            roundTrip(socket, "ping");
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        return best;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(5000);
        return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private int port(int i) {
        return targets[i].getLocalPort();
    }

    private static void echo(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread copy = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream()) {
                        in.transferTo(socket.getOutputStream());
                    } catch (IOException ignored) {
                        // the proxy closed it
                    }
                });
                copy.setDaemon(true);
                copy.start();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
