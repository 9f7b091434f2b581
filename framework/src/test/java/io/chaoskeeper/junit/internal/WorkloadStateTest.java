package io.chaoskeeper.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Clearing the workloads' root between runs: what earlier runs left goes, and an absent ensemble is one sentence. */
class WorkloadStateTest {

    @Test
    void whatAnEarlierRunLeftIsRemovedAndTheRestOfTheTreeStays() throws Exception {
        try (TestingServer server = new TestingServer();
             CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                     new RetryOneTime(100))) {
            client.start();
            for (int i = 0; i < 1500; i++) { // more than one batch of ZooKeeper's batched delete
                client.create().creatingParentsIfNeeded().forPath(WorkloadState.ROOT + "/set/s" + i % 7 + "/e-" + i);
            }
            client.create().forPath("/elsewhere");

            WorkloadState.clear(server.getConnectString());

            assertThat(client.checkExists().forPath(WorkloadState.ROOT)).isNull();
            assertThat(client.checkExists().forPath("/elsewhere")).isNotNull();
            WorkloadState.clear(server.getConnectString()); // nothing to clear is fine
        }
    }

    @Test
    void anEnsembleThatNeverAnswersIsNamedAfterEveryAttempt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> WorkloadState.clear("127.0.0.1:" + closedPort, 2, Duration.ofMillis(300),
                Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The ensemble did not answer within 2 attempts of 300 ms before the run.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two attempts and one wait")
                .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
}
