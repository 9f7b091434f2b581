package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.fault.FaultSchedules;
import io.chaoskeeper.fault.RandomFaultSchedule;
import io.chaoskeeper.junit.ChaosResult;
import org.junit.jupiter.params.provider.Arguments;

import java.time.Duration;
import java.util.stream.Stream;

/** Settings the scenario suites share. */
final class Scenarios {

    /**
     * The workload time of each scenario (30 s; the whole CI run stays near 12 minutes on a 2-core machine);
     * {@code -Dchaoskeeper.duration=60s} runs longer.
     */
    static final Duration DURATION = Duration.ofSeconds(30);

    /**
     * The tag of the variants per nemesis package: the main job ({@code bin/scenarios}) runs them, the test command
     * ({@code bin/test}, CI) leaves them out for time, and the library's {@code NemesisPackagesIT} proves each
     * package's sequence there.
     */
    static final String PACKAGES = "packages";

    private Scenarios() {
    }

    /**
     * A fault every 2 to 4 s after the previous one healed, each lasting {@code minSeconds} to {@code maxSeconds}:
     * seven or so faults in a 30 s run. Add the mix with {@code .mix(fault, weight)}.
     */
    static RandomFaultSchedule faults(int minSeconds, int maxSeconds) {
        return FaultSchedules.random()
                .every(Duration.ofSeconds(2), Duration.ofSeconds(4))
                .lasting(Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds));
    }

    /**
     * The nemesis packages, each aimed at a sequence known to break consensus, paced for a 30 s run: for the
     * scenarios' variant per package ({@code @MethodSource("io.chaoskeeper.scenarios.Scenarios#packages")}, tagged
     * {@value #PACKAGES}). The membership package needs the class's ensemble to allow reconfiguration
     * ({@code serverProperties = "reconfigEnabled=true"}).
     */
    static Stream<Arguments> packages() {
        return Stream.of(
                Arguments.of("stale-node", FaultSchedules.staleNodeTakesOver(Duration.ofSeconds(3))),
                Arguments.of("rolling-restarts", FaultSchedules.rollingRestarts(Duration.ofSeconds(2))),
                Arguments.of("partition-then-kill-leader",
                        FaultSchedules.partitionThenKillLeader(Duration.ofSeconds(3))),
                Arguments.of("pause-leader", FaultSchedules.pauseLeaderPastSyncLimit(Duration.ofSeconds(4))),
                Arguments.of("kill-during-sync", FaultSchedules.killDuringSync(Duration.ofSeconds(2))),
                Arguments.of("membership", FaultSchedules.membershipChanges(Duration.ofSeconds(2))));
    }

    /** Prints each checker's verdict, for the build log of scenarios whose outcome is reported, not asserted. */
    static void report(String scenario, ChaosResult result) {
        for (CheckResult check : result.checks()) {
            System.out.printf("[chaoskeeper] %s: %s %s: %s (seed %d, %s)%n", scenario, check.checker(),
                    check.verdict().name().toLowerCase(), check.summary(), result.seed(),
                    result.report().orElse(result.outputDirectory()));
        }
    }
}
