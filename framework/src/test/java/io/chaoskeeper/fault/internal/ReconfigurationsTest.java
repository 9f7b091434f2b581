package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Membership changes without an ensemble: the server lines they keep, and the sentence when nobody answers. */
class ReconfigurationsTest {

    @Test
    void aServerLineIsFoundByItsIdAlone() {
        String config = "server.1=zk1:2888:3888:participant\nserver.12=zk12:2888:3888:participant;0.0.0.0:2181\n"
                + "version=100000000";
        assertThat(Reconfigurations.serverLine(config, 1)).hasValue("server.1=zk1:2888:3888:participant");
        assertThat(Reconfigurations.serverLine(config, 12))
                .hasValue("server.12=zk12:2888:3888:participant;0.0.0.0:2181");
        assertThat(Reconfigurations.serverLine(config, 2)).isEmpty();
    }

    @Test
    void removingWhileNoOtherMemberAnswersFailsInOneSentence() throws IOException {
        Reconfigurations membership = new Reconfigurations(List.of(node(1, closedPort()), node(2, closedPort())));
        assertThatThrownBy(() -> membership.remove(node(1, closedPort()))).isInstanceOf(FaultException.class)
                .hasMessage("no other member answered within 5 s, so the membership could not be changed");
    }

    @Test
    void addingBackANodeThatWasNeverRemovedAsksNobody() throws IOException {
        new Reconfigurations(List.of(node(1, closedPort()))).addBack(node(1, closedPort()));
    }

    private static ZooKeeperNode node(int id, int port) {
        return new ZooKeeperNode(id, "zk" + id, "c" + id, "10.0.0." + id, new InetSocketAddress("127.0.0.1", port));
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
