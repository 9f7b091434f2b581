package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ActiveFault;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault layer against an engine that stalls, breaks or loses a container mid-fault: nothing waits longer than
 * its bound, every other node is still healed, and each failure is one sentence naming the node.
 */
class DockerFaultInjectorTest {

    private static final Duration BOUND = Duration.ofMillis(2000);
    private static final String PAUSED = "{\"Id\":\"c\",\"State\":{\"Running\":true,\"Paused\":true}}";

    private final ScriptedEngine engine = new ScriptedEngine()
            .answer("POST /containers/c[123]/(pause|unpause|kill|start)", 204, "")
            .answer("GET /containers/c[123]/json", 200, PAUSED);
    private final List<ZooKeeperNode> nodes = List.of(node(1), node(2), node(3));
    private final DockerFaultInjector injector = new DockerFaultInjector(nodes, engine.client(), false, BOUND);

    @AfterEach
    void releaseStalledCalls() {
        engine.close();
        injector.close();
    }

    @Test
    void aStalledCallHoldsTheHealForItsBoundOnlyAndTheOtherNodesAreHealed() {
        injector.apply(Faults.pause(Targets.named("zk1", "zk2", "zk3")));
        engine.stall("POST /containers/c1/unpause");

        long start = System.nanoTime();
        assertThatThrownBy(injector::healAll).isInstanceOf(FaultException.class)
                .hasMessageContaining("every node: zk1: the Docker engine did not answer within 2 s")
                .hasMessageNotContaining("zk2:").hasMessageNotContaining("zk3:");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("one stage of steps, each within its bound, and a margin").isLessThan(Duration.ofSeconds(8));
        assertThat(engine.requests).contains("POST /containers/c2/unpause", "POST /containers/c3/unpause");
        assertThat(injector.active()).isEmpty();
    }

    @Test
    void anIoErrorMidHealIsRecordedAndTheOtherNodesAreStillHealed() {
        injector.apply(Faults.pause(Targets.named("zk1", "zk2", "zk3")));
        engine.breakWith("POST /containers/c2/unpause", "Broken pipe");

        assertThatThrownBy(injector::healAll).isInstanceOf(FaultException.class)
                .hasMessageContaining("zk2: java.io.IOException: Broken pipe");
        assertThat(engine.requests).contains("POST /containers/c1/unpause", "POST /containers/c3/unpause");
    }

    @Test
    void aContainerRemovedMidFaultFailsItsHealOnlyAndNamesIt() {
        injector.apply(Faults.kill(Targets.named("zk1", "zk2", "zk3")));
        engine.answer("POST /containers/c3/start", 404, "{\"message\":\"No such container: c3\"}");

        assertThatThrownBy(injector::healAll).isInstanceOf(FaultException.class)
                .hasMessageContaining("every node: zk3: Status 404").hasMessageContaining("No such container: c3")
                .hasMessageNotContaining("zk1:").hasMessageNotContaining("zk2:");
        assertThat(engine.requests).contains("POST /containers/c1/start", "POST /containers/c2/start");
    }

    @Test
    void applyNeverThrowsWhenTheTransportBreaksAndRecordsTheErrorInstead() {
        engine.breakWith("POST /containers/c1/pause", "Connection reset by peer");
        engine.stall("POST /containers/c2/pause");

        ActiveFault fault = injector.apply(Faults.pause(Targets.named("zk1", "zk2", "zk3")));

        assertThat(fault.applyError()).hasValueSatisfying(error -> assertThat(error)
                .contains("zk1: java.io.IOException: Connection reset by peer")
                .contains("zk2: the Docker engine did not answer within 2 s")
                .doesNotContain("zk3"));
    }

    @Test
    void closeNeverThrowsAndReturnsUnderAStalledEngine() {
        injector.apply(Faults.pause(Targets.named("zk1")));
        engine.stall("POST /containers/c1/unpause");

        long start = System.nanoTime();
        injector.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void theBoundIsASettingAndABadValueIsOneSentence() {
        System.setProperty(BoundedSteps.BOUND_PROPERTY, "750ms");
        try {
            assertThat(BoundedSteps.configuredBound()).isEqualTo(Duration.ofMillis(750));
            System.setProperty(BoundedSteps.BOUND_PROPERTY, "-3s");
            assertThatThrownBy(BoundedSteps::configuredBound).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chaoskeeper.docker.callTimeout must be a positive time such as 20s or 500ms, not '-3s'");
        } finally {
            System.clearProperty(BoundedSteps.BOUND_PROPERTY);
        }
        assertThat(BoundedSteps.configuredBound()).isEqualTo(BoundedSteps.DEFAULT_BOUND);
    }

    private static ZooKeeperNode node(int id) {
        return new ZooKeeperNode(id, "zk" + id, "c" + id, "127.0.0." + (10 + id), new InetSocketAddress("127.0.0.1", 1));
    }
}
