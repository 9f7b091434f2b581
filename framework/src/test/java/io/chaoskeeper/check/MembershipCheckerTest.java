package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipCheckerTest {

    private final MembershipChecker checker = MembershipChecker.create().withTickAllowance(Duration.ofMillis(100));

    private static Map<String, Object> joined(String member, String session) {
        return Map.of("member", member, "session", session, "sessionTimeoutMs", 1000L);
    }

    /** m1 joins (session 0x1), m2 joins (0x2); m1 leaves at 500 ms. */
    private static HistoryBuilder twoMembers() {
        return history()
                .invoke(1, "join", null, 0).ok(1, "join", joined("m1", "0x1"), 10)
                .invoke(2, "join", null, 20).ok(2, "join", joined("m2", "0x2"), 30)
                .invoke(1, "leave", null, 490).ok(1, "leave", null, 500);
    }

    private static HistoryBuilder members(HistoryBuilder b, String node, double at, String... names) {
        return b.invoke(9, "members", null, at).node(node).ok(9, "members", List.of((Object[]) names), at + 1)
                .node(node);
    }

    @Test
    void aLeftMemberListedWithinTheSessionTimeoutIsValid() {
        CheckResult r = checker.check(members(twoMembers(), "zk1", 1500, "m1", "m2").build());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("maxListedAfterSessionEndMs", 1000.0);
    }

    @Test
    void aMemberListedLongAfterItLeftIsAGhost() {
        HistoryBuilder b = members(twoMembers(), "zk2", 1700, "m1", "m2");

        CheckResult r = checker.check(b.build());

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        Anomaly a = r.anomalies().get(0);
        assertThat(a.kind()).isEqualTo("ghost-member");
        assertThat(a.message()).isEqualTo("zk2 still listed member m1 (session 0x1) at 1.700s, 1.200s after client 1 "
                + "left at 0.500s, beyond the 1000 ms session timeout plus 100 ms allowance");
        assertThat(a.data()).containsEntry("session", "0x1").containsEntry("nodes", List.of("zk2"));
    }

    @Test
    void anExpiredSessionEndsWhenTheClientSawItExpire() {
        HistoryBuilder b = history()
                .invoke(1, "join", null, 0).ok(1, "join", joined("m1", "0x1"), 10);
        b.invoke(1, "expired", null, 100).info(1, "expired", 100);
        History withPair = members(b, "zk1", 1300, "m1").build();
        History event = members(history().invoke(1, "join", null, 0).ok(1, "join", joined("m1", "0x1"), 10)
                .invoke(2, "join", null, 20).ok(2, "join", joined("m2", "0x2"), 30)
                .info(2, "expired", 100).extra("note", "event without invocation"), "zk1", 1300, "m2").build();

        assertThat(checker.check(withPair).anomalies()).extracting(Anomaly::message).singleElement().asString()
                .contains("after client 1 saw its session expire at 0.100s");
        assertThat(checker.check(event).anomalies()).hasSize(1);
    }

    @Test
    void anExpiredEventDuringAnOpenLeaveEndsTheSession() {
        HistoryBuilder b = history()
                .invoke(1, "join", null, 0).ok(1, "join", joined("m1", "0x1"), 10)
                .invoke(1, "leave", null, 90).info(1, "expired", 100).info(1, "leave", 110);

        CheckResult r = checker.check(members(b, "zk1", 1300, "m1").build());

        assertThat(r.anomalies()).extracting(Anomaly::message).singleElement().asString()
                .contains("saw its session expire at 0.100s");
    }

    @Test
    void aRejoinedMemberIsNotAGhost() {
        HistoryBuilder b = twoMembers()
                .invoke(3, "join", null, 1000).ok(3, "join", joined("m1", "0x3"), 1010);

        assertThat(checker.check(members(b, "zk1", 3000, "m1", "m2").build()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void indeterminateJoinsAndLeavesNeverMakeGhosts() {
        HistoryBuilder b = history()
                .invoke(1, "join", Map.of("member", "m1"), 0).info(1, "join", 10)
                .invoke(2, "join", null, 20).ok(2, "join", joined("m2", "0x2"), 30)
                .invoke(2, "leave", null, 40).info(2, "leave", 50)
                .invoke(4, "join", null, 60).info(4, "join", 70);

        CheckResult r = checker.check(members(b, "zk1", 9000, "m1", "m2", "m9").build());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("anonymousInfoJoins", 1);
    }

    @Test
    void aMemberThatNeverJoinedIsAGhost() {
        CheckResult r = checker.check(members(twoMembers(), "zk3", 600, "m2", "m7").build());

        assertThat(r.anomalies()).extracting(Anomaly::message)
                .containsExactly("zk3 listed member m7 at 0.600s, which never joined");
    }

    @Test
    void withoutMembersReadsTheVerdictIsUnknown() {
        CheckResult r = checker.check(twoMembers().build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("no ok members reads");
    }

    @Test
    void aJoinWithoutTimeoutUsesTheConfiguredOne() {
        HistoryBuilder b = history()
                .invoke(1, "join", null, 0).ok(1, "join", Map.of("member", "m1", "session", "0x1"), 10)
                .invoke(1, "leave", null, 20).ok(1, "leave", null, 30);
        History h = members(b, "zk1", 5000, "m1").build();

        assertThat(checker.check(h).summary()).startsWith("no join recorded sessionTimeoutMs");
        assertThat(checker.withSessionTimeout(Duration.ofSeconds(5)).check(h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(checker.withSessionTimeout(Duration.ofSeconds(4)).check(h).verdict()).isEqualTo(Verdict.INVALID);
    }
}
