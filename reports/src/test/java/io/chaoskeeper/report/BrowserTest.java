package io.chaoskeeper.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test class with one headless Chromium for all its tests (skipped with the reason when Chromium is missing),
 * a shared temporary directory, and the console drained before each test so each sees only its own errors.
 */
abstract class BrowserTest {

    @TempDir
    static Path tmp;

    static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws IOException {
        String why = HeadlessChromium.unavailable();
        assumeTrue(why == null, why);
        chromium = HeadlessChromium.start(1400, 1800);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    @BeforeEach
    void drainConsole() {
        chromium.console();
    }
}
