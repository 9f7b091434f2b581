package io.chaoskeeper.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.cluster.internal.NodeImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.chaoskeeper.fault.FaultProbes.await;
import static io.chaoskeeper.fault.FaultProbes.awaitHealthy;
import static io.chaoskeeper.fault.FaultProbes.leader;
import static io.chaoskeeper.fault.FaultProbes.node;
import static io.chaoskeeper.fault.FaultProbes.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Clock faults against a real three-server ensemble, a fresh one per test: an elapsed clock keeps its leaps ahead
 * after a heal (see {@link ClockFault}), so no test may inherit another's clocks.
 */
class ClockFaultIT {

    /** Longer than the 4 s default cap, so a strobe of a few seconds expires no session. */
    private static final int SESSION_TIMEOUT_MS = 20_000;
    /** The agent polls its file every 50 ms. */
    private static final long TAKES_EFFECT_MS = 300;

    private static final String NO_AGENT_IMAGE = "chaoskeeper/zookeeper-test:no-clock-agent";

    private ZooKeeperEnsemble ensemble;
    private FaultInjector injector;
    private String builtImage;

    private void start(ZooKeeperEnsemble configured) {
        ensemble = configured.withJvmOptions("-Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                .withServerProperty("maxSessionTimeout", String.valueOf(SESSION_TIMEOUT_MS));
        ensemble.start();
        injector = FaultInjector.docker(ensemble.nodes(), ensemble.docker());
    }

    @AfterEach
    void removeEnsemble() throws Exception {
        FaultProbes.remove(injector, ensemble);
        if (builtImage != null) {
            try (DockerClient docker = DockerClients.connect()) {
                docker.removeImageCmd(builtImage).withForce(true).exec();
            }
        }
    }

    @Test
    void shiftingTheLeadersClockAnHourAheadDatesNewZnodesAnHourAheadUntilHealed() throws Exception {
        start(new ZooKeeperEnsemble().withNodes(3));
        String leader = leader(ensemble);
        ActiveFault fault = injector.apply(Faults.clockShift(Targets.leader(), Duration.ofHours(1)));
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.targets()).containsExactly(leader);
        assertThat(fault.parameters()).containsEntry("shiftMs", 3_600_000L);
        sleep(TAKES_EFFECT_MS);

        // the leader stamps every transaction with its wall clock: the znode's ctime
        long skew = createAndMeasureSkew("/shifted");
        System.out.printf("ctime skew under a +1 h shift of the leader: %d ms%n", skew);
        assertThat(skew).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofMinutes(61).toMillis());

        fault.heal();
        fault.heal(); // idempotent
        assertThat(injector.active()).isEmpty();
        sleep(TAKES_EFFECT_MS);
        assertThat(createAndMeasureSkew("/healed")).isCloseTo(0, within(3_000L));
        // the elapsed clock kept its leap (it never steps back), so the leader keeps ticking: for longer than
        // syncLimit × tickTime (2 s) its followers stay in sync with it
        for (int i = 0; i < 5; i++) {
            assertThat(leader(ensemble)).as("the leader after the heal").isEqualTo(leader);
            assertThat(node(ensemble, leader).fourLetterWord("mntr", Duration.ofSeconds(5)))
                    .contains("zk_synced_followers\t2");
            sleep(1_000);
        }
    }

    @Test
    void shiftingTheLeadersElapsedClockPastTheSessionTimeoutExpiresSessions() throws Exception {
        start(new ZooKeeperEnsemble().withNodes(3));
        CountDownLatch expired = new CountDownLatch(1);
        ZooKeeper zk = connect(4_000, expired);
        try {
            zk.create("/ephemeral", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            // control: with the true clock, a 4 s session kept alive by pings outlives 6 s
            assertThat(expired.await(6, TimeUnit.SECONDS)).as("expired without a clock fault").isFalse();

            long applied = System.nanoTime();
            ActiveFault fault = injector.apply(Faults.clockShift(Targets.leader(), Duration.ofSeconds(60)));
            assertThat(fault.applyError()).isEmpty();
            assertThat(expired.await(15, TimeUnit.SECONDS)).as("the session expired").isTrue();
            System.out.printf("session expired %d ms after a +60 s shift of the leader's clock%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - applied));
            fault.heal();
        } finally {
            zk.close();
        }
        // the expiry was real: the leader ended the session and its ephemeral node
        awaitHealthy(ensemble, Duration.ofSeconds(30));
        Stat ephemeral = withRetry(fresh -> fresh.exists("/ephemeral", false));
        assertThat(ephemeral).as("the expired session's ephemeral node").isNull();
    }

    @Test
    void strobingTheLeadersClockAlternatesTheTimesOfNewZnodes() throws Exception {
        start(new ZooKeeperEnsemble().withNodes(3));
        // 1 s steps back stall the leader's heartbeat loop less than the followers' 2 s sync limit (see ClockFault)
        ActiveFault fault = injector.apply(Faults.clockStrobe(Targets.leader(), Duration.ofSeconds(1),
                Duration.ofMillis(400)));
        assertThat(fault.applyError()).isEmpty();
        assertThat(fault.parameters()).containsEntry("strobePeriodMs", 400L);
        sleep(TAKES_EFFECT_MS);
        List<Long> skews = new ArrayList<>();
        try (ZooKeeper zk = connect(SESSION_TIMEOUT_MS, new CountDownLatch(1))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int i = 0; System.nanoTime() < end; i++) {
                skews.add(skew(zk, "/strobe-" + i));
                sleep(50);
            }
        }
        fault.heal();
        System.out.println("ctime skews under a 1 s / 400 ms strobe of the leader: " + skews);
        // each ctime is either about a second ahead or about true, and the two alternate phase by phase
        assertThat(skews).allSatisfy(s -> assertThat(Math.min(Math.abs(s), Math.abs(s - 1000))).isLessThan(250));
        int changes = 0;
        for (int i = 1; i < skews.size(); i++) {
            if ((skews.get(i) > 500) != (skews.get(i - 1) > 500)) {
                changes++;
            }
        }
        assertThat(changes).as("phase changes among %s", skews).isGreaterThanOrEqualTo(4);
        awaitHealthy(ensemble, Duration.ofSeconds(30));
        assertThat(createAndMeasureSkew("/after-strobe")).isCloseTo(0, within(3_000L));
    }

    @Test
    void healingLeavesNoShiftAnywhereEvenOnANodeRestartedMeanwhile() throws Exception {
        start(new ZooKeeperEnsemble().withNodes(3));
        DockerClient docker = ensemble.docker();
        ActiveFault shift = injector.apply(Faults.clockShift(Targets.all(), Duration.ofMinutes(-30)));
        assertThat(shift.applyError()).isEmpty();
        ZooKeeperNode restarted = ensemble.nodes().stream().filter(n -> !n.name().equals(leader(ensemble)))
                .findFirst().orElseThrow();
        await(Duration.ofSeconds(5), () -> agentLines(docker, restarted).equals(List.of("shift -1800000")),
                "the agent of " + restarted.name() + " to apply the shift");
        ActiveFault kill = injector.apply(Faults.kill(Targets.named(restarted.name())));
        assertThat(kill.applyError()).isEmpty();
        kill.heal();
        await(Duration.ofSeconds(30), () -> restarted.mode().isServing(), "the restarted node to serve");
        // the shift outlives the restart, as a skewed host clock would: the new JVM's agent read the file at start
        assertThat(agentLines(docker, restarted)).containsExactly("shift -1800000", "shift -1800000");

        injector.healAll();
        assertThat(injector.active()).isEmpty();
        for (ZooKeeperNode node : ensemble.nodes()) {
            assertThat(clockFile(docker, node)).as("clock file of %s", node.name()).isEqualTo("shift 0\n");
            await(Duration.ofSeconds(5), () -> {
                List<String> lines = agentLines(docker, node);
                return lines.get(lines.size() - 1).equals("shift 0");
            }, "the agent of " + node.name() + " to apply the zero shift");
        }
        awaitHealthy(ensemble, Duration.ofSeconds(30));
        assertThat(createAndMeasureSkew("/after-heal")).isCloseTo(0, within(3_000L));
    }

    @Test
    void aNodeWithoutTheAgentStartsButCannotTakeAClockFault() throws Exception {
        // a user's own image without the agent: ours with the jar removed
        String image = buildImageWithoutAgent();
        start(new ZooKeeperEnsemble().withNodes(1).withImage(image));
        ActiveFault fault = injector.apply(Faults.clockShift(Targets.all(), Duration.ofHours(1)));
        assertThat(fault.applyError()).hasValueSatisfying(error -> assertThat(error)
                .contains("zk1 runs without the clock agent (its image has no " + NodeImages.CLOCK_AGENT + ")"));
        fault.heal(); // nothing was shifted, so there is nothing to fail
        injector.healAll();
        assertThat(createAndMeasureSkew("/no-agent")).isCloseTo(0, within(3_000L));
    }

    // --- probes

    /** How far ahead of this JVM's clock the new znode's ctime is, using a fresh session (retried until healthy). */
    private long createAndMeasureSkew(String path) throws Exception {
        return withRetry(zk -> skew(zk, path));
    }

    /** Creates {@code path} and returns its ctime minus this JVM's clock halfway through the call. */
    private static long skew(ZooKeeper zk, String path) throws Exception {
        Stat stat = new Stat();
        long before = System.currentTimeMillis();
        zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
        long after = System.currentTimeMillis();
        return stat.getCtime() - (before + after) / 2;
    }

    private interface ZkCall<T> {
        T call(ZooKeeper zk) throws Exception;
    }

    /** Runs the call in a fresh session, again in another while the ensemble loses connections or sessions. */
    private <T> T withRetry(ZkCall<T> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (ZooKeeper zk = connect(SESSION_TIMEOUT_MS, new CountDownLatch(1))) {
                return call.call(zk);
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                     | KeeperException.NodeExistsException e) {
                // a create that went through before the connection was lost is done
                if (e instanceof KeeperException.NodeExistsException || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private ZooKeeper connect(int sessionTimeoutMs, CountDownLatch expired) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(ensemble.connectString(), sessionTimeoutMs, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            } else if (event.getState() == Watcher.Event.KeeperState.Expired) {
                expired.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            zk.close();
            throw new AssertionError("could not connect to " + ensemble.connectString());
        }
        return zk;
    }

    /** The specs the node's clock agents applied, in order, across its restarts (from the container's log). */
    private static List<String> agentLines(DockerClient docker, ZooKeeperNode node) {
        Matcher m = Pattern.compile("chaoskeeper clock agent: (.+) \\(ms\\)").matcher(FaultProbes.logs(docker, node.containerId()));
        List<String> specs = new ArrayList<>();
        while (m.find()) {
            specs.add(m.group(1));
        }
        return specs;
    }

    private static String clockFile(DockerClient docker, ZooKeeperNode node) throws Exception {
        try (InputStream in = docker.copyArchiveFromContainerCmd(node.containerId(), NodeImages.CLOCK_FILE).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            tar.getNextEntry();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Our node image without the clock agent, as a user's own image might be; removed after the test. */
    private String buildImageWithoutAgent() throws Exception {
        try (DockerClient docker = DockerClients.connect()) {
            String dockerfile = "FROM " + NodeImages.ensure(docker, ZooKeeperEnsemble.DEFAULT_VERSION) + "\n"
                    + "RUN rm " + NodeImages.CLOCK_AGENT + "\n";
            byte[] text = dockerfile.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream context = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(context)) {
                TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
                entry.setSize(text.length);
                tar.putArchiveEntry(entry);
                tar.write(text);
                tar.closeArchiveEntry();
            }
            docker.buildImageCmd(new ByteArrayInputStream(context.toByteArray())).withTags(Set.of(NO_AGENT_IMAGE))
                    .withPull(false).exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
            builtImage = NO_AGENT_IMAGE;
            return builtImage;
        }
    }
}
