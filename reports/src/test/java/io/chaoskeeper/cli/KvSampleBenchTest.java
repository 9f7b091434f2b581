package io.chaoskeeper.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench --kv-sample}: generated kv histories get the verdicts they were built with; bad options are usage. */
class KvSampleBenchTest {

    @Test
    void everyGeneratedHistoryGetsItsBuiltVerdictAndTheResidentPeakIsPrinted() {
        CliRun run = CliRun.of("bench", "--kv-sample", "2", "--clients", "10,20", "--kv-keys", "5", "--warm-up", "0s");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("kv 10 clients: 2/2 built verdicts", "kv 20 clients: 2/2 built verdicts")
                .containsPattern("resident peak: \\d+ MiB")
                .containsPattern("  built valid: 1 valid; median [0-9.]+ ms, max [0-9.]+ ms; resident peak \\d+ MiB")
                .containsPattern("  built invalid: 1 invalid; median [0-9.]+ ms, max [0-9.]+ ms; resident peak"
                        + " \\d+ MiB");
    }

    @Test
    void oneClassAloneChecksOnlyItsHistories() {
        CliRun run = CliRun.of("bench", "--kv-sample", "4", "--clients", "10", "--kv-keys", "5", "--kv-built",
                "invalid", "--warm-up", "0s");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("kv 10 clients: 2/2 built verdicts", "  built invalid: 2 invalid;")
                .doesNotContain("built valid:");
    }

    @Test
    void aSampleTooSmallOrANonPositiveClientCountIsAUsageError() {
        for (String[] args : new String[][] {{"--kv-sample", "1"}, {"--kv-sample", "2", "--clients", "0"},
                {"--kv-sample", "2", "--kv-keys", "0"}}) {
            CliRun run = CliRun.of(concat("bench", args));
            assertThat(run.exitCode()).isEqualTo(Main.USAGE);
            assertThat(run.err()).isEqualTo("chaoskeeper bench: --kv-sample must be at least 2, --clients and"
                    + " --kv-keys positive" + System.lineSeparator());
        }
    }

    @Test
    void anUnknownClassIsAUsageError() {
        CliRun run = CliRun.of("bench", "--kv-sample", "2", "--kv-built", "some");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).isEqualTo("chaoskeeper bench: --kv-built must be valid, invalid or both"
                + System.lineSeparator());
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
