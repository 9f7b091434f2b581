package io.chaoskeeper.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nemesis packages against a real three-node ensemble under a register workload: the intended sequence shows
 * in {@code faults.jsonl}, with the role aimed at, the node picked and the leader at each event, and in the server
 * roles of the cluster timeline. The ensemble allows reconfiguration, for the membership package.
 */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class NemesisPackagesIT {

    @TempDir
    static Path dir;
    static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        ensemble = new ZooKeeperEnsemble().withNodes(3).withDynamicMembership().withLogDirectory(dir.resolve("nodes"));
        ensemble.start();
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void aStaleFollowerRejoinsAndTakesOverWhenTheLeaderDies() {
        List<Map<String, Object>> events = faultEvents("stale", FaultSchedules.staleNodeTakesOver(Duration.ofSeconds(2)),
                45, null);

        Map<String, Object> isolation = params(events.get(0));
        assertThat(events.get(0).get("kind")).isEqualTo("partition");
        assertThat(isolation).containsEntry("role", "the highest follower");
        assertThat(isolation.get("leader")).isNotEqualTo(isolation.get("node"));
        Map<String, Object> kill = params(events.get(2));
        assertThat(events.get(2).get("kind")).isEqualTo("kill");
        assertThat(kill).containsEntry("role", "the leader").containsEntry("node", isolation.get("leader"));
        // rounds of: isolate (start, stop), kill the leader (start), restart it (stop): in some round, when the old
        // leader restarts, the node that was stale leads (a tie in zxid goes to the highest server id)
        boolean tookOver = false;
        for (int i = 0; i + 3 < events.size(); i += 4) {
            tookOver |= params(events.get(i + 3)).get("leader").equals(params(events.get(i)).get("node"));
        }
        assertThat(tookOver).as("a stale node took over in some round: %s", events).isTrue();
    }

    @Test
    void rollingRestartsTakeTheFollowersByIdThenTheLeader() {
        List<Map<String, Object>> starts = faultEvents("rolling", FaultSchedules.rollingRestarts(Duration.ofSeconds(1)),
                30, "fault-start");

        assertThat(starts).hasSizeGreaterThanOrEqualTo(3);
        List<Object> roles = starts.subList(0, 3).stream().map(e -> params(e).get("role")).toList();
        assertThat(roles).containsExactly("follower 1", "follower 2", "the leader");
        List<Object> nodes = starts.subList(0, 3).stream().map(e -> params(e).get("node")).toList();
        assertThat(nodes).doesNotHaveDuplicates();
        assertThat(nodes.get(2)).isEqualTo(params(starts.get(0)).get("leader"));
        // each restarted node's sync with its leader, from its log, is in servers.json on the history's clock
        JsonNode servers = readServers(dir.resolve("rolling"));
        for (Object node : nodes) {
            JsonNode syncs = entry(servers, node.toString()).get("syncs");
            assertThat(syncs).as("%s's syncs", node).isNotEmpty();
            syncs.forEach(sync -> {
                assertThat(sync.get("kind").asText()).isIn("diff", "snapshot", "truncate");
                assertThat(sync.get("time").asLong()).isNotNegative();
            });
        }
    }

    private static JsonNode readServers(Path run) {
        try {
            return new ObjectMapper().readTree(run.resolve("servers.json").toFile()).get("nodes");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode entry(JsonNode servers, String node) {
        for (JsonNode s : servers) {
            if (s.get("node").asText().equals(node)) {
                return s;
            }
        }
        throw new AssertionError("no " + node + " in servers.json");
    }

    @Test
    void theLeaderDiesWhileARestartedFollowerElectsOrSyncs() throws Exception {
        Recorded run = recorded("kill-during-sync", FaultSchedules.killDuringSync(Duration.ofSeconds(1)), 45);
        List<Operation> events = run.events();
        ClusterTimeline timeline = run.timeline();
        // each round kills follower 1, restarts it, then kills the leader: was the follower serving again by then?
        List<Operation> starts = events.stream().filter(e -> e.f().equals("fault-start")).toList();
        assertThat(starts).isNotEmpty();
        assertThat(params(value(starts.get(0)))).containsEntry("role", "follower 1");
        int duringSync = 0;
        for (int i = 1; i < starts.size(); i++) {
            Map<String, Object> leader = params(value(starts.get(i)));
            Map<String, Object> follower = params(value(starts.get(i - 1)));
            if (!leader.get("role").equals("the leader") || !follower.get("role").equals("follower 1")) {
                continue;
            }
            long killedAt = starts.get(i).time();
            NodeState before = timeline.samples(follower.get("node").toString()).stream()
                    .filter(sample -> sample.time() < killedAt).reduce((a, b) -> b).orElseThrow().state();
            duringSync += before.isServing() ? 0 : 1;
        }
        assertThat(duringSync).as("rounds whose leader died before the restarted follower served: %s", events)
                .isPositive();
    }

    @Test
    void aFollowerIsRemovedAndAddedBackAlsoWhileItIsCutOff() throws Exception {
        Recorded run = recorded("membership", FaultSchedules.membershipChanges(Duration.ofSeconds(2)), 30);
        List<Operation> events = run.events();
        // a round: remove (start), add back (stop); isolate (start), remove the same node (start), add it back
        // (stop) while it is still cut off, heal the isolation (stop)
        assertThat(events.stream().limit(6).map(e -> value(e).get("kind") + " " + e.f()).toList()).containsExactly(
                "reconfig fault-start", "reconfig fault-stop", "partition fault-start", "reconfig fault-start",
                "reconfig fault-stop", "partition fault-stop");
        assertThat(events).allSatisfy(event -> assertThat(event.error()).as("%s", event).isNull());
        Object cutOff = params(value(events.get(2))).get("node");
        assertThat(params(value(events.get(3)))).containsEntry("role", "the node hit last")
                .containsEntry("node", cutOff);
        // each removed node stops serving, and serves again once added back (the second time, once healed)
        ClusterTimeline timeline = run.timeline();
        for (int[] removal : new int[][] {{0, 1}, {3, 5}}) {
            String node = params(value(events.get(removal[0]))).get("node").toString();
            List<NodeState> states = timeline.samples(node).stream()
                    .filter(sample -> sample.time() > events.get(removal[0]).time()).map(NodeSample::state).toList();
            assertThat(states).as("%s after its removal", node)
                    .anyMatch(state -> state != NodeState.FOLLOWER && state != NodeState.LEADER);
            assertThat(timeline.samples(node).stream().filter(sample -> sample.time() > events.get(removal[1]).time())
                    .anyMatch(sample -> sample.state().isServing())).as("%s serves again", node).isTrue();
        }
    }

    @Test
    void theIsolatedLeadersSuccessorDiesBeforeTheHeal() throws Exception {
        Recorded run = recorded("partition-kill", FaultSchedules.partitionThenKillLeader(Duration.ofSeconds(2)), 30);
        List<Operation> events = run.events();
        ClusterTimeline timeline = run.timeline();
        // a round: isolate the leader (start), kill the new leader (start), heal both (stop, stop)
        assertThat(events.stream().limit(4).map(e -> value(e).get("kind") + " " + e.f()).toList()).containsExactly(
                "partition fault-start", "kill fault-start", "partition fault-stop", "kill fault-stop");
        String isolated = node(events.get(0));
        String killed = node(events.get(1));
        assertThat(params(value(events.get(1)))).containsEntry("role", "the leader");
        assertThat(killed).isNotEqualTo(isolated);
        assertThat(roleBefore(timeline, isolated, events.get(0).time())).isEqualTo(NodeState.LEADER);
        assertThat(roleBefore(timeline, killed, events.get(1).time())).as("the majority's new leader")
                .isEqualTo(NodeState.LEADER);
        assertThat(events.get(2).time()).as("healed after the kill").isGreaterThan(events.get(1).time());
    }

    @Test
    void theFollowersElectAnotherLeaderWhileThePausedOneSleepsPastTheSyncLimit() throws Exception {
        Recorded run = recorded("pause-leader", FaultSchedules.pauseLeaderPastSyncLimit(Duration.ofSeconds(4)), 30);
        List<Operation> events = run.events();
        ClusterTimeline timeline = run.timeline();
        assertThat(events.stream().limit(2).map(e -> value(e).get("kind") + " " + e.f()).toList())
                .containsExactly("pause fault-start", "pause fault-stop");
        String paused = node(events.get(0));
        assertThat(params(value(events.get(0)))).containsEntry("role", "the leader");
        assertThat(roleBefore(timeline, paused, events.get(0).time())).isEqualTo(NodeState.LEADER);
        long from = events.get(0).time();
        long to = events.get(1).time();
        assertThat(timeline.nodes().stream().filter(node -> !node.equals(paused)).anyMatch(node -> timeline
                .samples(node).stream().anyMatch(sample -> sample.time() > from && sample.time() < to
                        && sample.state() == NodeState.LEADER)))
                .as("another node led before %s was resumed", paused).isTrue();
    }

    private static String node(Operation event) {
        return params(value(event)).get("node").toString();
    }

    /**
     * The node's role in its last serving sample before the fault's event: the event is recorded once the fault is
     * applied, and the timeline may have sampled its effect (down, paused, looking) meanwhile.
     */
    private static NodeState roleBefore(ClusterTimeline timeline, String node, long time) {
        return timeline.samples(node).stream().filter(sample -> sample.time() < time && sample.state().isServing())
                .reduce((a, b) -> b).orElseThrow().state();
    }

    /** A run's fault events, in order, and its cluster timeline. */
    private record Recorded(List<Operation> events, ClusterTimeline timeline) {
    }

    private static Recorded recorded(String name, FaultSequence faults, long seconds) throws java.io.IOException {
        faultEvents(name, faults, seconds, null);
        Path run = dir.resolve(name);
        return new Recorded(JsonLines.read(run.resolve("faults.jsonl")).operations(),
                ClusterTimeline.read(run.resolve(ClusterTimeline.FILE)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Operation event) {
        return (Map<String, Object>) event.value();
    }

    /**
     * Runs the sequence under a throttled register workload (few writes in flight when a leader dies) and returns
     * its fault events of type {@code f} (both types when null), in order.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> faultEvents(String name, FaultSequence faults, long seconds, String f) {
        ensemble.nodes().forEach(node -> ensemble.awaitServing(node, Duration.ofSeconds(60))); // after the last run
        Run.builder().ensemble(ensemble).name(name).workload(Workloads.register()).rateLimit(50)
                .duration(Duration.ofSeconds(seconds)).quietPeriod(Duration.ofSeconds(8))
                .operationTimeout(Duration.ofSeconds(1)).sessionTimeout(Duration.ofSeconds(4))
                .faults(faults.withAwaitTimeout(Duration.ofSeconds(40))
                        .withInjector(nodes -> FaultInjector.docker(nodes, ensemble.docker())), faults.toString())
                .seed(11).outputDirectory(dir.resolve(name)).build().execute();
        History events = JsonLines.read(dir.resolve(name).resolve("faults.jsonl"));
        return events.operations().stream().filter(op -> f == null || op.f().equals(f))
                .map(op -> (Map<String, Object>) op.value()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> event) {
        return (Map<String, Object>) event.get("params");
    }
}
