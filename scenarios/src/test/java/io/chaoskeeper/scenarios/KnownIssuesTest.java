package io.chaoskeeper.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The releases a known ZooKeeper bug is tolerated on, and only those. */
class KnownIssuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"3.8.0", "3.8.4", "3.8.5", "3.8.7", "3.9.0", "3.9.2"})
    void committedWritesLostAfterAbortedSyncOnReleasesWithoutTheFix(String version) {
        assertThat(KnownIssues.committedWritesLostAfterAbortedSync(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.9.3", "3.9.4", "3.9.6", "3.10.0", "4.0.0", "3.7.2", "latest", ""})
    void notOnReleasesWithTheFixOtherLinesOrUnknownNames(String version) {
        assertThat(KnownIssues.committedWritesLostAfterAbortedSync(version)).isFalse();
    }
}
