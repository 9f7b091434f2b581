package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.check.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small run directory for index tests: run.json with chosen facts and expectations, and chosen check results. */
final class ToyRun {

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<CheckResult> checks = new ArrayList<>();

    private ToyRun(String name, String version) {
        run.put("name", name);
        run.put("zookeeperVersion", version);
        run.put("durationMs", 1000);
    }

    static ToyRun named(String name, String version) {
        return new ToyRun(name, version);
    }

    /** Sets a run.json field, e.g. expectedAnomalies, toleratedAnomalies, reportOnlyCheckers, finding, backend. */
    ToyRun with(String key, Object value) {
        run.put(key, value);
        return this;
    }

    ToyRun valid(String checker) {
        checks.add(new CheckResult(checker, Verdict.VALID, "fine", List.of(), 10, Duration.ZERO, Map.of()));
        return this;
    }

    ToyRun unknown(String checker) {
        checks.add(new CheckResult(checker, Verdict.UNKNOWN, "no zxids", List.of(), 10, Duration.ZERO, Map.of()));
        return this;
    }

    /** An invalid result of {@code checker} with one anomaly of each kind. */
    ToyRun found(String checker, String... kinds) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (String kind : kinds) {
            anomalies.add(new Anomaly(kind, kind + " seen", List.of(), Map.of()));
        }
        checks.add(new CheckResult(checker, Verdict.INVALID, "found", anomalies, 10, Duration.ZERO, Map.of()));
        return this;
    }

    Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writeValue(dir.resolve("run.json").toFile(), run);
        CheckResultJson.write(dir.resolve("checks.json"), checks);
        return dir;
    }
}
