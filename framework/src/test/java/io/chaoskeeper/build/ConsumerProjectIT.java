package io.chaoskeeper.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The framework used from another project: {@code examples/consumer}, a standalone Maven project, builds against
 * the framework installed into a fresh local repository and passes its chaos test on the local backend, leaving a
 * run directory with a history and the checks. The build's log is kept in {@code target/consumer-build/build.log}.
 */
@Tag("paired") // runs beside another integration test: judged by outcome, not by timing
class ConsumerProjectIT {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final String TEST_CLASS = "RegisterChaosTest";

    @Test
    void theExampleProjectPassesItsChaosTestOnTheLocalBackend() throws Exception {
        Path root = Paths.get("").toAbsolutePath().getParent();
        assertThat(root.resolve("examples/consumer/pom.xml")).as("the example project").isRegularFile();

        ConsumerBuild build = ConsumerBuild.run(root, ConsumerBuild.frameworkVersion(root),
                Paths.get("target", "consumer-build").toAbsolutePath(), LIMIT, "mvn");

        if (build.failure() != null) {
            fail(build.failure());
        }
        Path reports = build.project().resolve("target/surefire-reports")
                .resolve("TEST-com.example.consumer." + TEST_CLASS + ".xml");
        assertThat(Files.readString(reports)).as("the consumer's test report %s", reports)
                .contains("tests=\"1\"", "errors=\"0\"", "skipped=\"0\"", "failures=\"0\"");
        Path run = build.project().resolve("target/chaoskeeper-runs/" + TEST_CLASS + "/casRegisterStaysLinearizable");
        assertThat(run.resolve("history.jsonl")).as("the run's history").isNotEmptyFile();
        assertThat(Files.readString(run.resolve("faults.jsonl"))).as("the run's faults").contains("fault-start");
        JsonNode checks = new ObjectMapper().readTree(run.resolve("checks.json").toFile());
        assertThat(checks).as("the linearizability verdict in %s", run.resolve("checks.json"))
                .filteredOn(check -> check.get("checker").asText().startsWith("linearizability"))
                .extracting(check -> check.get("verdict").asText()).containsExactly("valid");
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"local\"");
        // only the servers need metrics-core: it shows their jars were resolved into the build's own repository
        assertThat(build.repository().resolve("io/dropwizard/metrics/metrics-core")).as("the server jars")
                .isDirectory();
        ConsumerBuild.deleteTree(build.repository());
    }
}
