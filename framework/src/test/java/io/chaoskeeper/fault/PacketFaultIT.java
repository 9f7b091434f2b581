package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.chaoskeeper.fault.FaultProbes.startIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Packet faults measured from the outside: UDP datagrams counted by a receiver in another node's namespace, TCP
 * connects timed from the node's own namespace. They hold whichever mechanism the kernel allows (netem, or our
 * NFQUEUE shaper where netem is missing), so the same effects are asserted for both.
 */
class PacketFaultIT {

    /** Sends {@code n} numbered datagrams to ip:port, one a millisecond. */
    private static final String SEND = """
            import socket, sys, time
            ip, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            for i in range(n):
                s.sendto(str(i).encode(), (ip, port))
                time.sleep(0.001)
            """;
    /** Counts datagrams until none came for 2 s: total, distinct, and how often one overtook an earlier one. */
    private static final String RECEIVE = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("0.0.0.0", int(sys.argv[1])))
            print("ready", flush=True)
            s.settimeout(30)
            got = []
            try:
                while True:
                    got.append(int(s.recv(64)))
                    s.settimeout(2)
            except socket.timeout:
                pass
            print("received", len(got), len(set(got)), sum(1 for a, b in zip(got, got[1:]) if b < a))
            """;
    /** The median time of {@code n} TCP connects to ip:port, in milliseconds. */
    private static final String CONNECT = """
            import socket, statistics, sys, time
            ip, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            times = []
            for _ in range(n):
                start = time.perf_counter()
                socket.create_connection((ip, port), timeout=10).close()
                times.append((time.perf_counter() - start) * 1000)
            print("median", round(statistics.median(times)))
            """;
    /** Accepts one TCP connection and reports how many bytes came and how long they took from first to last. */
    private static final String SINK = """
            import socket, sys, time
            server = socket.socket()
            server.bind(("0.0.0.0", int(sys.argv[1])))
            server.listen(1)
            print("ready", flush=True)
            server.settimeout(30)
            connection, _ = server.accept()
            total, first = 0, None
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                first = first or time.perf_counter()
                total += len(chunk)
            print("bytes", total, "seconds", round(time.perf_counter() - first, 2))
            """;
    private static final int PORT = 9999;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private static ZooKeeperEnsemble ensemble;
    private static DockerClient docker;
    private static FaultInjector injector;
    private static ZooKeeperNode zk1;
    private static ZooKeeperNode zk2;
    private static ZooKeeperNode zk3;

    @BeforeAll
    static void startEnsemble() {
        ensemble = FaultProbes.startEnsemble(3);
        docker = ensemble.docker();
        injector = FaultInjector.docker(ensemble.nodes(), docker);
        zk1 = ensemble.nodes().get(0);
        zk2 = ensemble.nodes().get(1);
        zk3 = ensemble.nodes().get(2);
    }

    @AfterAll
    static void removeEnsemble() {
        FaultProbes.remove(injector, ensemble);
    }

    @AfterEach
    void healAndCheckNothingIsLeft() {
        FaultProbes.healAndAssertNothingLeft(injector, ensemble);
    }

    @Test
    void lossDropsAboutTheGivenShareOfPackets() {
        ActiveFault fault = injector.apply(Faults.loss(Targets.named(zk1.name()), 40));
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.parameters().get("mechanism")).isIn("netem", "nfqueue");
        int[] counts = sendAndCount(zk1, zk2, 1000);
        report("loss 40%%: %d of 1000 datagrams arrived", counts[0]);
        // 600 expected; a binomial's standard deviation here is 15.5, so these bounds are over six of them
        assertThat(counts[0]).isBetween(500, 700);
        assertThat(counts[1]).isEqualTo(counts[0]);
    }

    @Test
    void duplicationSendsSomePacketsTwice() {
        ActiveFault fault = injector.apply(Faults.loss(Targets.named(zk1.name()), 0).withDuplicate(30));
        assertThat(fault.applyError()).isEmpty();
        int[] counts = sendAndCount(zk1, zk2, 1000);
        report("duplicate 30%%: %d datagrams arrived for 1000 sent, %d distinct", counts[0], counts[1]);
        assertThat(counts[1]).as("distinct datagrams").isEqualTo(1000);
        assertThat(counts[0]).as("datagrams with their copies").isBetween(1200, 1400);
    }

    @Test
    void aDelayAloneKeepsTheOrderAndReorderingLetsPacketsOvertake() {
        ActiveFault delay = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(30),
                Duration.ZERO));
        assertThat(delay.applyError()).isEmpty();
        int[] inOrder = sendAndCount(zk1, zk2, 500);
        delay.heal();
        ActiveFault reorder = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(30),
                Duration.ZERO).withReorder(50));
        assertThat(reorder.applyError()).isEmpty();
        int[] reordered = sendAndCount(zk1, zk2, 500);
        report("delay 30 ms: %d overtakings in 500; with 50%% reordered: %d", inOrder[2], reordered[2]);
        assertThat(inOrder[0]).isEqualTo(500);
        assertThat(inOrder[2]).as("overtakings with a delay alone").isZero();
        assertThat(reordered[0]).isEqualTo(500);
        // half go at once and overtake the 30 ms of delayed ones sent before them
        assertThat(reordered[2]).as("overtakings with 50% reordered").isGreaterThan(50);
    }

    @Test
    void aDelayTowardOnePeerSlowsOnlyThatPeer() {
        long before = connectMillis(zk1, zk2);
        ActiveFault fault = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(200),
                Duration.ofMillis(5)).toward(Targets.named(zk2.name())));
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.parameters()).containsEntry("toward", "[" + zk2.name() + "]");
        long towardPeer = connectMillis(zk1, zk2);
        long towardOther = connectMillis(zk1, zk3);
        long fromTestJvm = roundTripMillis(zk1);
        fault.heal();
        long after = connectMillis(zk1, zk2);
        report("delay 200 ms toward zk2: connect zk1->zk2 %d ms before, %d during, %d after; zk1->zk3 %d;"
                + " test JVM->zk1 %d", before, towardPeer, after, towardOther, fromTestJvm);
        // the SYN leaves zk1 toward zk2 and waits 195-205 ms; nothing else should wait
        assertThat(towardPeer).isGreaterThanOrEqualTo(before + 180);
        assertThat(towardOther).isLessThan(100);
        assertThat(fromTestJvm).isLessThan(100);
        assertThat(after).isLessThan(100);
    }

    @Test
    void healingReleasesThePacketsHeldInADelay() {
        ActiveFault fault = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofSeconds(20),
                Duration.ZERO));
        assertThat(fault.applyError()).isEmpty();
        FaultProbes.Probe receiver = startIn(docker, zk2, "python3", "-c", RECEIVE, Integer.toString(PORT));
        receiver.awaitPrinted("ready", PROBE_TIMEOUT);
        startIn(docker, zk1, "python3", "-c", SEND, zk2.networkIp(), Integer.toString(PORT), "100")
                .output(PROBE_TIMEOUT);
        long healStart = System.nanoTime();
        fault.heal();
        String received = receiver.output(PROBE_TIMEOUT);
        long sinceHeal = (System.nanoTime() - healStart) / 1_000_000;
        report("heal of a 20 s delay (%s): %s, receiver done %d ms after the heal began",
                fault.parameters().get("mechanism"), received.trim(), sinceHeal);
        // netem drops what it holds when removed; our shaper lets it go, so where it runs nothing is lost
        if ("nfqueue".equals(fault.parameters().get("mechanism"))) {
            assertThat(counts(received)[0]).isEqualTo(100);
        }
        assertThat(sinceHeal).as("the 20 s delay ended with the heal").isLessThan(15_000);
    }

    @Test
    void aShaperThatDiesLetsPacketsByAndItsHealSaysTheFaultEndedEarly() throws Exception {
        ActiveFault fault = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(300),
                Duration.ZERO));
        assertThat(fault.applyError()).isEmpty();
        Assumptions.assumeTrue("nfqueue".equals(fault.parameters().get("mechanism")),
                "this kernel has netem, so no shaper runs");
        assertThat(connectMillis(zk1, zk2)).isGreaterThanOrEqualTo(280);
        String helper = docker.listContainersCmd()
                .withLabelFilter(Map.of("io.chaoskeeper.role", "fault-helper", "io.chaoskeeper.target", zk1.containerId()))
                .exec().get(0).getId();
        var exec = docker.execCreateCmd(helper).withCmd("pkill", "-KILL", "-x", "python3").exec();
        docker.execStartCmd(exec.getId()).start().awaitCompletion(30, TimeUnit.SECONDS);
        long afterCrash = connectMillis(zk1, zk2);
        assertThatThrownBy(fault::heal).isInstanceOf(FaultException.class)
                .hasMessageContaining("the packet shaper had stopped before the heal, so the fault ended early");
        report("shaper killed under a 300 ms delay: connect zk1->zk2 %d ms after the kill", afterCrash);
        assertThat(afterCrash).as("packets bypass a dead shaper").isLessThan(100);
    }

    @Test
    void insistingOnNetemWhereTheKernelLacksItFailsInOneSentence() {
        System.setProperty("chaoskeeper.packetFaults", "netem");
        try (FaultInjector netemOnly = FaultInjector.docker(ensemble.nodes(), docker)) {
            ActiveFault fault = netemOnly.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(10),
                    Duration.ZERO));
            Assumptions.assumeTrue(fault.applyError().isPresent(), "this kernel has netem");
            assertThat(fault.applyError().get()).contains("zk1: this kernel has no sch_netem")
                    .contains("-Dchaoskeeper.packetFaults=auto");
        } finally {
            System.clearProperty("chaoskeeper.packetFaults");
        }
    }

    @Test
    void aRateLimitCombinesWithADelay() {
        ActiveFault fault = injector.apply(Faults.delay(Targets.named(zk1.name()), Duration.ofMillis(100),
                Duration.ZERO).withRate(64));
        assertThat(fault.applyError()).isEmpty();
        assertThat(connectMillis(zk1, zk2)).isGreaterThanOrEqualTo(90);
        FaultProbes.Probe sink = startIn(docker, zk2, "python3", "-c", SINK, Integer.toString(PORT));
        sink.awaitPrinted("ready", PROBE_TIMEOUT);
        startIn(docker, zk1, "python3", "-c", """
                import socket, sys
                s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=30)
                s.sendall(b"x" * 40000)
                s.close()
                """, zk2.networkIp(), Integer.toString(PORT)).output(PROBE_TIMEOUT);
        String out = sink.output(PROBE_TIMEOUT);
        assertThat(out).contains("bytes 40000");
        double seconds = Double.parseDouble(out.substring(out.indexOf("seconds") + 8).trim());
        report("delay 100 ms + 64 kbit/s (%s): %s", fault.parameters().get("mechanism"), out.trim());
        // 40 kB is 320 kbit, over 4.5 s at 64 kbit/s past a 4 kB burst (with headers and slow start, more),
        // against milliseconds unlimited
        assertThat(seconds).isBetween(3.5, 10.0);
    }

    /** The figures behind each assertion, in the test output for the record. */
    private static void report(String format, Object... args) {
        System.out.println("PacketFaultIT: " + String.format(format, args).replace('\n', ' '));
    }

    private int[] sendAndCount(ZooKeeperNode from, ZooKeeperNode to, int datagrams) {
        FaultProbes.Probe receiver = startIn(docker, to, "python3", "-c", RECEIVE, Integer.toString(PORT));
        receiver.awaitPrinted("ready", PROBE_TIMEOUT);
        startIn(docker, from, "python3", "-c", SEND, to.networkIp(), Integer.toString(PORT),
                Integer.toString(datagrams)).output(PROBE_TIMEOUT);
        return counts(receiver.output(PROBE_TIMEOUT));
    }

    /** Total, distinct and overtaking counts from the receiver's last line. */
    private static int[] counts(String received) {
        String line = received.substring(received.lastIndexOf("received") + "received".length()).trim();
        return Arrays.stream(line.split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    private long connectMillis(ZooKeeperNode from, ZooKeeperNode to) {
        String out = startIn(docker, from, "python3", "-c", CONNECT, to.networkIp(), "2181", "5")
                .output(PROBE_TIMEOUT);
        assertThat(out).as("connect probe output").contains("median");
        return Long.parseLong(out.substring(out.indexOf("median") + 6).trim());
    }

    private static long roundTripMillis(ZooKeeperNode node) {
        long[] samples = new long[5];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            assertThat(node.fourLetterWord("ruok", Duration.ofSeconds(5))).isEqualTo("imok");
            samples[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
