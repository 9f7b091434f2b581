package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class LockSafetyCheckerTest {

    private final Checker checker = LockSafetyChecker.create();

    private static Map<String, Object> update(long token, long read, long lastToken) {
        return Map.of("token", token, "read", read, "wrote", read + 1, "lastToken", lastToken);
    }

    @Test
    void sequentialHoldersWithGrowingTokensAreValid() {
        CheckResult r = checker.check(sequential());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("sections", 2).containsEntry("guardedUpdates", 2L);
    }

    private static History sequential() {
        return history()
                .invoke(1, "acquire", null, 0).invoke(2, "acquire", null, 1).ok(1, "acquire", 1L, 5)
                .invoke(1, "guarded-update", Map.of("token", 1L), 6).ok(1, "guarded-update", update(1, 0, 0), 7)
                .invoke(1, "release", null, 8).ok(1, "release", null, 9)
                .ok(2, "acquire", 2L, 10)
                .invoke(2, "guarded-update", Map.of("token", 2L), 11).ok(2, "guarded-update", update(2, 1, 1), 12)
                .invoke(2, "release", null, 13).ok(2, "release", null, 14)
                .build();
    }

    @Test
    void overlappingCriticalSectionsAreReportedWithClientsTimesAndTokens() {
        HistoryBuilder b = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 7L, 10);
        long firstOk = b.lastIndex();
        b.invoke(2, "acquire", null, 15).ok(2, "acquire", 8L, 20);
        long secondOk = b.lastIndex();
        b.invoke(1, "release", null, 30);
        long release = b.lastIndex();
        b.ok(1, "release", null, 31).invoke(2, "release", null, 40).ok(2, "release", null, 41);

        CheckResult r = checker.check(b.build());

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        Anomaly a = r.anomalies().get(0);
        assertThat(a.kind()).isEqualTo("lock-not-exclusive");
        assertThat(a.message()).isEqualTo("clients 1 and 2 both held the lock from 0.020s to 0.030s (tokens 7 and 8)");
        assertThat(a.operations()).contains(firstOk, secondOk, release);
        assertThat(a.data()).containsEntry("clients", List.of("1", "2"))
                .containsEntry("overlap", List.of(20_000_000L, 30_000_000L));
    }

    @Test
    void anOverlapThatNeedsAnIndeterminateAcquireIsOnlyCounted() {
        History h = history()
                .invoke(1, "acquire", null, 0)
                .invoke(2, "acquire", null, 10).ok(2, "acquire", 2L, 20)
                .invoke(2, "release", null, 30).ok(2, "release", null, 31)
                .invoke(3, "acquire", null, 32) // never completes
                .invoke(4, "acquire", null, 33).ok(4, "acquire", 3L, 40)
                .invoke(4, "release", null, 45).ok(4, "release", null, 46)
                .info(1, "acquire", 50)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("unsureSections", 2L).containsEntry("unsureOverlaps", 4);
    }

    @Test
    void aHolderThatNeverReleasesHoldsUntilTheEnd() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 1L, 10)
                .invoke(2, "acquire", null, 20).ok(2, "acquire", 2L, 50)
                .invoke(2, "release", null, 60).ok(2, "release", null, 61)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies().get(0).message()).contains("from 0.050s to 0.060s");
    }

    @Test
    void aHolderWhoseLastCallWasIndeterminateGaveUpThere() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 1L, 10)
                .invoke(1, "guarded-update", Map.of("token", 1L), 11)
                .invoke(2, "acquire", null, 20).info(1, "guarded-update", 30).ok(2, "acquire", 2L, 50)
                .invoke(2, "release", null, 60).ok(2, "release", null, 61)
                .build();

        assertThat(checker.check(h).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTokenNotAboveAnEarlierAcquisitionIsAFencingRegression() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 5L, 10)
                .invoke(1, "release", null, 12).ok(1, "release", null, 13)
                .invoke(2, "acquire", null, 15).ok(2, "acquire", 3L, 20)
                .invoke(2, "release", null, 22).ok(2, "release", null, 23)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        Anomaly a = r.anomalies().get(0);
        assertThat(a.kind()).isEqualTo("fencing-token-regressed");
        assertThat(a.message()).isEqualTo("client 2's acquire invoked at 0.015s got token 3, not above token 5 that "
                + "client 1's acquire had already received at 0.010s");
        assertThat(a.operations()).containsExactly(5L, 1L);
        assertThat(a.data()).containsEntry("tokens", List.of(3L, 5L));
    }

    @Test
    void concurrentAcquisitionsMayGetTokensInEitherOrder() {
        History h = history()
                .invoke(1, "acquire", null, 0).invoke(2, "acquire", null, 1)
                .ok(2, "acquire", 3L, 5).invoke(2, "release", null, 6).ok(2, "release", null, 7)
                .ok(1, "acquire", 5L, 10).invoke(1, "release", null, 12).ok(1, "release", null, 13)
                .build();

        assertThat(checker.check(h).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theGuardedResourceAcceptingAStaleTokenIsReported() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 4L, 1)
                .invoke(1, "guarded-update", Map.of("token", 4L), 2).ok(1, "guarded-update", update(4, 3, 6), 3)
                .invoke(1, "release", null, 4).ok(1, "release", null, 5)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.anomalies()).extracting(Anomaly::kind).containsExactly("stale-token-accepted");
        assertThat(r.anomalies().get(0).message()).contains("client 1's update at 0.003s with token 4, below the "
                + "last token 6");
    }

    @Test
    void twoUpdatesReadingTheSameCounterLoseOne() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 1L, 1)
                .invoke(1, "guarded-update", Map.of("token", 1L), 2).ok(1, "guarded-update", update(1, 9, 0), 3)
                .invoke(1, "release", null, 4).ok(1, "release", null, 5)
                .invoke(2, "acquire", null, 6).ok(2, "acquire", 2L, 7)
                .invoke(2, "guarded-update", Map.of("token", 2L), 8).ok(2, "guarded-update", update(2, 9, 1), 9)
                .invoke(2, "release", null, 10).ok(2, "release", null, 11)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.anomalies()).extracting(Anomaly::kind).containsExactly("lost-update");
        assertThat(r.anomalies().get(0).message()).startsWith("clients 1 and 2 both read counter 9")
                .contains("tokens 1 and 2");
    }

    @Test
    void aFinalCounterBelowTheAcknowledgedUpdatesLosesUpdates() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 1L, 1)
                .invoke(1, "guarded-update", Map.of("token", 1L), 2).ok(1, "guarded-update", update(1, 0, 0), 3)
                .invoke(1, "guarded-update", Map.of("token", 1L), 4).ok(1, "guarded-update", update(1, 1, 1), 5)
                .invoke(1, "release", null, 6).ok(1, "release", null, 7)
                .invoke(1, "read", null, 8).ok(1, "read", 1L, 9)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.anomalies()).extracting(Anomaly::kind).containsExactly("lost-update");
        assertThat(r.anomalies().get(0).message()).contains("final counter read at 0.009s is 1, below the 2");
    }

    @Test
    void aReleaseByAClientThatDoesNotHoldTheLockIsReported() {
        History h = history()
                .invoke(1, "acquire", null, 0).fail(1, "acquire", "timeout", 1)
                .invoke(1, "release", null, 2).ok(1, "release", null, 3)
                .invoke(2, "acquire", null, 4).ok(2, "acquire", 1L, 5)
                .invoke(2, "release", null, 6).ok(2, "release", null, 7)
                .invoke(2, "release", null, 8).ok(2, "release", null, 9)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.anomalies()).extracting(Anomaly::message).containsExactly(
                "client 1's release at 0.002s succeeded although its acquire at 0.000s failed",
                "client 2's release at 0.008s succeeded although it had already released the lock at 0.006s");
    }

    @Test
    void aClientMayReleaseUnderANewProcessWhatItMayHaveAcquired() {
        HistoryBuilder linked = history()
                .invoke(1, "acquire", null, 0).extra("client", "c1").info(1, "acquire", 1)
                .invoke(2, "release", null, 2).extra("client", "c1").ok(2, "release", null, 3);
        HistoryBuilder unlinked = history()
                .invoke(1, "acquire", null, 0).info(1, "acquire", 1)
                .invoke(2, "release", null, 2).ok(2, "release", null, 3);

        assertThat(checker.check(linked.build()).verdict()).isEqualTo(Verdict.VALID);
        assertThat(checker.check(unlinked.build()).anomalies()).extracting(Anomaly::message)
                .containsExactly("client 2's release at 0.002s succeeded although it had never acquired the lock");
    }

    @Test
    void aNotHeldReleaseIsCountedNotReported() {
        History h = history()
                .invoke(1, "acquire", null, 0).ok(1, "acquire", 1L, 1)
                .invoke(1, "release", null, 2).fail(1, "release", "not-held", 3)
                .build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("releaseNotHeld", 1L).containsEntry("lockLostWhileHeld", 1L);
    }

    @Test
    void aFloodOfViolationsKeepsFiftyOfAKindAndCountsThemAll() {
        HistoryBuilder b = history().invoke(0, "acquire", null, 0).ok(0, "acquire", 1L, 1);
        for (int p = 1; p <= 60; p++) {
            b.invoke(p, "release", null, 2 + p).ok(p, "release", null, 2 + p);
        }

        CheckResult r = checker.check(b.build());

        assertThat(r.anomalies()).hasSize(50);
        assertThat(r.stats().get("anomalyCounts")).isEqualTo(Map.of("release-by-non-holder", 60));
        assertThat(r.summary()).startsWith("60 release-by-non-holder: client 1's release");
    }

    @Test
    void aHistoryWithoutAcquiresIsUnknown() {
        History h = history().invoke(1, "read", null, 0).ok(1, "read", 1L, 1).build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("no acquire operations");
    }

    @Test
    void aMalformedHistoryIsUnknownWithTheReasonNotAnException() {
        History h = History.of(List.of(Operation.of(0, Operation.Type.OK, 1, "acquire", 1L, 0)));

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("event 0: process 1 completes an operation it never invoked");
    }
}
