package io.chaoskeeper.report;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.format.HistoryFormat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A shared fixture read by the real parser under its source's rules and checked by the real linearizability checker;
 * the test is skipped (with the reason) when the shared fixtures are absent.
 */
record CheckedFixture(History history, CheckResult result) {

    static final Path ROOT = Path.of("..", "..", "shared", "fixtures").toAbsolutePath().normalize();

    static CheckedFixture of(String name, HistoryFormat format, String model) {
        Path file = ROOT.resolve(name);
        assumeTrue(Files.isRegularFile(file), "the shared fixtures are absent (" + file + "), so this test is skipped");
        History history = format.read(file);
        return new CheckedFixture(history,
                LinearizabilityChecker.of(Models.named(model, format.rules())).check(history));
    }

    /** The event the checker's first anomaly could not place ({@code data.failing}). */
    long failing() {
        Anomaly first = result.anomalies().get(0);
        return ((Number) first.data().get("failing")).longValue();
    }
}
