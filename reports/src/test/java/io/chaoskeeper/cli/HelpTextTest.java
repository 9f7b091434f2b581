package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's help renders as written: picocli formats descriptions, so a bare percent sign breaks them. */
final class HelpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"up", "check", "bench", "report", "logs"})
    void helpRendersWithoutFormatWarnings(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: chaoskeeper " + command);
        assertThat(run.err()).isEmpty();
    }
}
