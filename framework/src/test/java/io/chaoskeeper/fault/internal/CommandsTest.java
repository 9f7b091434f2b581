package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.PacketFault;
import io.chaoskeeper.fault.Targets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest {

    private static final Targets ZK1 = Targets.named("zk1");

    @Test
    void netemCarriesEveryRequestedEffect() {
        PacketFault fault = Faults.delay(ZK1, Duration.ofMillis(100), Duration.ofMillis(20))
                .withLoss(5).withDuplicate(1).withReorder(25).withRate(1000);
        assertThat(Commands.netem(fault))
                .isEqualTo("netem delay 100ms 20ms loss 5.000% duplicate 1.000% reorder 25.000% rate 1000kbit");
    }

    @Test
    void allTrafficIsShapedAtTheRootAndARateAloneNeedsNoNetem() {
        assertThat(Commands.shape(Faults.loss(ZK1, 10), List.of())).containsExactly(
                List.of("qdisc", "replace", "dev", "eth0", "root", "netem", "loss", "10.000%"));
        assertThat(Commands.shape(Faults.rateLimit(ZK1, 256), List.of())).containsExactly(
                List.of("qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "256kbit", "burst", "32kbit",
                        "latency", "400ms"));
    }

    @Test
    void trafficTowardChosenPeersGoesThroughItsOwnClass() {
        List<List<String>> batch = Commands.shape(Faults.delay(ZK1, Duration.ofMillis(50), Duration.ZERO),
                List.of("10.0.0.2", "10.0.0.3"));
        assertThat(batch).extracting(words -> String.join(" ", words)).containsExactly(
                "qdisc replace dev eth0 root handle 1: htb default 1",
                "class add dev eth0 parent 1: classid 1:1 htb rate 100gbit",
                "class add dev eth0 parent 1: classid 1:2 htb rate 100gbit",
                "qdisc add dev eth0 parent 1:2 handle 20: netem delay 50ms",
                "filter add dev eth0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.2/32 flowid 1:2",
                "filter add dev eth0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.3/32 flowid 1:2");
    }

    @Test
    void impossiblePacketFaultsAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> Faults.loss(ZK1, 120)).hasMessageContaining("within 0 and 100");
        assertThatThrownBy(() -> Faults.loss(ZK1, 1).withReorder(10)).hasMessageContaining("needs a delay");
    }

    @Test
    void theShaperGetsMicrosecondsPercentagesItsQueueAndMarkThenThePeers() {
        PacketFault fault = Faults.delay(ZK1, Duration.ofMillis(100), Duration.ofNanos(1_500_000))
                .withLoss(5).withDuplicate(1.25).withReorder(25);
        assertThat(Commands.queue(fault, List.of("10.0.0.2"))).containsExactly(
                "4242", "100000", "1500", "5.000", "1.250", "25.000", "0xc4a0", "10.0.0.2");
        assertThat(Commands.queue(Faults.loss(ZK1, 10), List.of())).containsExactly(
                "4242", "0", "0", "10.000", "0.000", "0.000", "0xc4a0");
    }

    @Test
    void aFaultsRateAloneKeepsItsPeersAndDropsEveryOtherEffect() {
        PacketFault fault = Faults.delay(ZK1, Duration.ofMillis(100), Duration.ofMillis(5)).withLoss(3)
                .withRate(512).toward(Targets.named("zk2"));
        PacketFault rate = fault.rateOnly();
        assertThat(rate.isRateOnly()).isTrue();
        assertThat(rate.rateKbit()).isEqualTo(512);
        assertThat(rate.toward()).isEqualTo(fault.toward());
        assertThat(Commands.shape(rate, List.of())).containsExactly(
                List.of("qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "512kbit", "burst", "32kbit",
                        "latency", "400ms"));
    }

    @Test
    void thePacketFaultMechanismIsAutoNetemOrNfqueue() {
        assertThatThrownBy(() -> new PacketShaping(null, "ebpf"))
                .hasMessage("chaoskeeper.packetFaults must be auto, netem or nfqueue, was 'ebpf'");
        assertThat(new PacketShaping(null, "NFQUEUE")).isNotNull();
    }
}
