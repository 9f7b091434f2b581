package io.chaoskeeper.check;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.Faults;
import io.chaoskeeper.fault.Targets;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.run.Run;
import io.chaoskeeper.workload.Workloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Zab log checker on real runs: short cas-register runs on three nodes under leader isolation, random halves,
 * kills and pauses, each archived and checked at its end, must give no false alarm; the faults must have forced
 * new epochs. {@code -Dchaoskeeper.it.zabRuns} (default 4; the first acceptance ran 16) and {@code -Dchaoskeeper.it.seconds} (default 10)
 * size it; the figures are printed.
 */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class ZabLogsIT {

    private static final int RUNS = Integer.getInteger("chaoskeeper.it.zabRuns", 4);
    private static final long SECONDS = Long.getLong("chaoskeeper.it.seconds", 10);
    private static final List<Fault> FAULTS = List.of(Faults.isolateLeader(), Faults.partitionRandomHalves(),
            Faults.killRandom(), Faults.kill(Targets.leader()), Faults.pauseLeader());

    @TempDir
    static Path dir;
    static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        // a shared, loaded test machine can take well over the default minute to elect a first leader
        ensemble = new ZooKeeperEnsemble().withNodes(3).withLogDirectory(dir.resolve("logs"))
                .withStartupTimeout(Duration.ofSeconds(180));
        ensemble.start();
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    /** Run i hits with fault i mod 5 alone, or with all five mixed on odd rounds. */
    private static FaultSchedule faults(int i) {
        var schedule = FaultSchedules.random().withInjector(nodes -> FaultInjector.docker(nodes, ensemble.docker()))
                .every(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .lasting(Duration.ofSeconds(2), Duration.ofSeconds(4)).oneAtATime();
        if ((i / FAULTS.size()) % 2 == 0) {
            return schedule.mix(FAULTS.get(i % FAULTS.size()), 1);
        }
        FAULTS.forEach(f -> schedule.mix(f, 1));
        return schedule;
    }

    @Test
    void realRunsUnderFaultsGiveNoFalseAlarm() throws Exception {
        long txns = 0;
        long acknowledged = 0;
        long lastEpoch = 0;
        int incomplete = 0;
        for (int i = 0; i < RUNS; i++) {
            FaultSchedule faults = faults(i);
            Path out = dir.resolve("run-" + i);
            Run run = Run.builder().ensemble(ensemble).name("zab-" + i).workload(Workloads.casRegister())
                    .duration(Duration.ofSeconds(SECONDS)).quietPeriod(Duration.ofSeconds(2))
                    .operationTimeout(Duration.ofSeconds(1)).sessionTimeout(Duration.ofSeconds(4))
                    .faults(faults).seed(1000 + i).outputDirectory(out).build();
            CheckResult zab;
            try {
                zab = run.execute().checks().stream().filter(c -> c.checker().equals(ZabLogChecker.NAME))
                        .findFirst().orElseThrow();
                assertThat(Files.readString(out.resolve("checks.json"))).contains("\"zab-logs\"");
            } catch (IllegalStateException e) {
                // the run itself broke (e.g. a node slow to serve again for the final reads): its data directories
                // were archived all the same, and are checked against what was recorded
                System.out.printf("zab-logs run %d did not complete: %s%n", i, e.getMessage());
                incomplete++;
                zab = ZabLogChecker.ofRunDirectory(out).check(JsonLines.read(out.resolve("history.jsonl")));
            }
            System.out.printf("zab-logs run %d (%s): %s; %s%n", i, faults, zab.verdict(), zab.stats());
            assertThat(zab.verdict()).as("run %d in %s: %s", i, out, zab.summary()).isEqualTo(Verdict.VALID);
            for (int n = 1; n <= 3; n++) {
                assertThat(out.resolve("nodes/zk" + n + "-data.tar.gz")).isNotEmptyFile();
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> servers = (Map<String, Map<String, Object>>) zab.stats().get("servers");
            assertThat(servers).as("every server's data was read in run %d", i).hasSize(3);
            txns += (Long) zab.stats().get("txnsRead");
            acknowledged += (Long) zab.stats().get("acknowledgedZxids");
            lastEpoch = Long.decode((String) servers.get("zk1").get("last")) >>> 32;
        }
        System.out.printf("zab-logs: %d runs, 3 servers, %d log records read, %d acknowledged zxids checked, "
                + "final epoch %d, %d runs incomplete, no anomaly%n", RUNS, txns, acknowledged, lastEpoch, incomplete);
        assertThat(acknowledged).isPositive();
        assertThat(incomplete).as("runs that completed (the others are checked on what they recorded)")
                .isLessThan(RUNS);
        assertThat(lastEpoch).as("the faults forced new leaders").isGreaterThan(1);
    }
}
