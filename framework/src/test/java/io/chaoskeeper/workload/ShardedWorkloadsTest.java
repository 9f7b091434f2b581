package io.chaoskeeper.workload;

import io.chaoskeeper.StandaloneServer;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.QueueChecker;
import io.chaoskeeper.check.SetChecker;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.run.RunResult;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The growing workloads spread their children over shards, so no list answer nears ZooKeeper's packet limit
 * however long a run: checked against a standalone server in the JVM.
 */
class ShardedWorkloadsTest {

    @TempDir
    Path dir;

    @Test
    void setElementsSpreadOverEveryShardAndTheFinalReadGathersThemAll() throws Exception {
        try (StandaloneServer server = new StandaloneServer(dir.resolve("zk"))) {
            RunResult result = run(server, Workloads.set().withShards(8), SetChecker.create());

            assertThat(verdict(result, "set")).isEqualTo(Verdict.VALID);
            List<Integer> perShard = childrenPerShard(server, "/chaoskeeper/set", 8);
            assertThat(perShard).as("elements in each shard").allSatisfy(n -> assertThat(n).isPositive());
            assertThat(perShard.stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(result.counts().get("add").get("ok").intValue());
        }
    }

    @Test
    void queueElementsSpreadOverShardsAndAreNeitherLostNorDeliveredTwice() throws Exception {
        try (StandaloneServer server = new StandaloneServer(dir.resolve("zk"))) {
            RunResult result = run(server, Workloads.queue().withShards(4), QueueChecker.create());

            assertThat(verdict(result, "queue")).isEqualTo(Verdict.VALID);
            assertThat(childrenPerShard(server, "/chaoskeeper/queue", 4)).as("drained").containsOnly(0);
        }
    }

    /** The verdict of the workload's own checker (the run adds server checks that a standalone server lacks). */
    private static Verdict verdict(RunResult result, String checker) {
        return result.checks().stream().filter(c -> c.checker().equals(checker)).map(CheckResult::verdict)
                .findFirst().orElseThrow(() -> new AssertionError("no " + checker + " result in " + result.checks()));
    }

    private RunResult run(StandaloneServer server, Workload workload, io.chaoskeeper.check.Checker checker) {
        return Run.builder().nodes(List.of(server.node())).workload(workload).outputDirectory(dir.resolve("run"))
                .clients(4).duration(Duration.ofSeconds(1)).quietPeriod(Duration.ZERO).checkers(checker).seed(5)
                .build().execute();
    }

    private static List<Integer> childrenPerShard(StandaloneServer server, String root, int shards) throws Exception {
        ZooKeeper zk = new ZooKeeper(server.node().connectString(), 5_000, event -> { });
        try {
            List<Integer> counts = new java.util.ArrayList<>();
            for (int k = 0; k < shards; k++) {
                counts.add(zk.getChildren(root + "/s" + k, false).size());
            }
            return counts;
        } finally {
            zk.close();
        }
    }
}
