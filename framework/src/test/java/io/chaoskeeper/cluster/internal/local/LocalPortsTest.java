package io.chaoskeeper.cluster.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LocalPortsTest {

    @Test
    void portsAreDistinctFreeAndBelowTheEphemeralRange() throws IOException {
        int[] ports = LocalPorts.free(27);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(27);
        assertThat(Arrays.stream(ports).boxed()).allMatch(port -> port >= 10_000 && port < LocalPorts.ephemeralStart());
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theEphemeralRangeIsReadFromTheKernel() {
        assertThat(LocalPorts.ephemeralStart()).isBetween(1_024, 65_535);
    }
}
