package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ZooKeeperGuaranteesCheckerTest {

    private final Checker checker = ZooKeeperGuaranteesChecker.create();

    /** Client 1 writes 1 then 2 to x (zxids 0x10, 0x12; versions 1, 2). */
    private static HistoryBuilder twoWrites() {
        return history()
                .invoke(1, "write", 1L, 0).key("x").ok(1, "write", 1L, 2).key("x").node("zk1").zxid(0x10)
                .extra("version", 1L)
                .invoke(1, "write", 2L, 4).key("x").ok(1, "write", 2L, 6).key("x").node("zk1").zxid(0x12)
                .extra("version", 2L);
    }

    private static HistoryBuilder read(HistoryBuilder b, long process, Object value, long zxid, long version,
                                       String node, double from, double to) {
        return b.invoke(process, "read", null, from).key("x").ok(process, "read", value, to).key("x").node(node)
                .zxid(zxid).extra("version", version);
    }

    private static Anomaly only(CheckResult r) {
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.anomalies()).hasSize(1);
        return r.anomalies().get(0);
    }

    @Test
    void readsOfWrittenStatesInZxidOrderAreValid() {
        HistoryBuilder b = twoWrites();
        read(b, 2, 1L, 0x10, 1, "zk2", 7, 8);
        read(b, 2, 2L, 0x12, 2, "zk3", 9, 10);

        CheckResult r = checker.check(b.build());

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("plainReads", 2L).containsEntry("staleReads", 1L);
    }

    @Test
    void aWriteWhoseZxidDisagreesWithRealTimeIsReported() {
        History h = history()
                .invoke(1, "write", 5L, 0).ok(1, "write", 5L, 10).zxid(0x20)
                .invoke(2, "write", 6L, 15).ok(2, "write", 6L, 20).zxid(0x18)
                .build();

        Anomaly a = only(checker.check(h));

        assertThat(a.kind()).isEqualTo("write-zxid-not-real-time");
        assertThat(a.message()).isEqualTo("client 2's write of 6 invoked at 0.015s got zxid 0x18, not above zxid "
                + "0x20 of client 1's write of 5 that had completed at 0.010s");
        assertThat(a.data()).containsEntry("zxids", List.of(0x18L, 0x20L)).containsEntry("clients", List.of("2", "1"));
    }

    @Test
    void aClientsWritesMustTakeEffectInIssueOrder() {
        History h = history()
                .invoke(1, "write", 5L, 0).ok(1, "write", 5L, 10).zxid(0x20)
                .invoke(1, "write", 6L, 15).ok(1, "write", 6L, 20).zxid(0x18)
                .build();

        Anomaly a = only(checker.check(h));

        assertThat(a.kind()).isEqualTo("fifo-order-violated");
        assertThat(a.message()).contains("client 1's write of 6 issued at 0.015s got zxid 0x18");
    }

    @Test
    void aReadMustMatchTheWriteAtItsZxid() {
        HistoryBuilder b = twoWrites();
        read(b, 2, 7L, 0x10, 1, "zk2", 7, 8);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.kind()).isEqualTo("read-state-mismatch");
        assertThat(a.message()).isEqualTo("client 2's read of x from zk2 at 0.007s returned 7 at zxid 0x10 "
                + "(version 1), but the write at that zxid by client 1 wrote 1 (version 1)");
    }

    @Test
    void aValueNoWriteWroteIsReported() {
        HistoryBuilder b = twoWrites();
        b.invoke(3, "cas", List.of(2L, 50L), 7).key("x").fail(3, "cas", "bad-version", 8);
        read(b, 2, 99L, 0x13, 3, "zk2", 9, 10);
        read(b, 2, 50L, 0x14, 3, "zk2", 11, 12);

        CheckResult r = checker.check(b.build());

        assertThat(r.anomalies()).extracting(Anomaly::message).containsExactly(
                "client 2's read of x from zk2 at 0.009s returned 99 at zxid 0x13, a value no write wrote",
                "client 2's read of x from zk2 at 0.011s returned 50 at zxid 0x14, a value only a failed write wrote");
    }

    @Test
    void aValueWrittenOnlyAfterTheReadIsFromTheFuture() {
        HistoryBuilder b = history();
        read(b, 2, 8L, 0x30, 1, "zk2", 0, 1);
        b.invoke(1, "write", 8L, 5).key("x").info(1, "write", 9);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.kind()).isEqualTo("read-from-future");
        assertThat(a.message()).endsWith("a value first written at 0.005s, after the read had completed");
    }

    @Test
    void anIndeterminateWriteIsPlacedByTheReadThatSawIt() {
        HistoryBuilder b = twoWrites();
        b.invoke(3, "write", 9L, 7).key("x").info(3, "write", 8).key("x");
        read(b, 2, 9L, 0x14, 3, "zk2", 9, 10);

        assertThat(checker.check(b.build()).verdict()).isEqualTo(Verdict.VALID);

        read(b, 4, 9L, 0x15, 3, "zk3", 11, 12);
        Anomaly a = only(checker.check(b.build()));
        assertThat(a.kind()).isEqualTo("read-state-mismatch");
        assertThat(a.message()).endsWith("but that value was written at zxid 0x14 by client 3 (as an earlier read "
                + "showed)");
    }

    @Test
    void aClientReadingAnOlderStateAfterReconnectingGoesBackwards() {
        HistoryBuilder b = twoWrites();
        read(b, 2, 2L, 0x12, 2, "zk1", 7, 8);
        read(b, 2, 1L, 0x10, 1, "zk2", 9, 10);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.kind()).isEqualTo("zxid-went-backwards");
        assertThat(a.message()).isEqualTo("client 2's read of x from zk2 at 0.009s returned the state at zxid 0x10, "
                + "although it had already seen zxid 0x12 (from zk1 at 0.008s) and x was written at zxid 0x12 in "
                + "between");
        assertThat(a.data()).containsEntry("nodes", List.of("zk2", "zk1"));
    }

    @Test
    void aClientsViewAcrossKeysNeverGoesBack() {
        HistoryBuilder b = twoWrites();
        b.invoke(2, "write", 70L, 7).key("y").ok(2, "write", 70L, 8).key("y").node("zk1").zxid(0x13)
                .extra("version", 1L);
        read(b, 2, 1L, 0x10, 1, "zk2", 9, 10);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.kind()).isEqualTo("zxid-went-backwards");
        assertThat(a.message()).contains("already seen zxid 0x13").contains("x was written at zxid 0x12");
    }

    @Test
    void aNewProcessContinuesTheSameClientOnlyWhenTheWorkloadSaysSo() {
        HistoryBuilder linked = twoWrites();
        linked.invoke(2, "read", null, 7).key("x").extra("client", "c1").ok(2, "read", 2L, 8).key("x").node("zk1")
                .zxid(0x12).extra("version", 2L);
        linked.invoke(3, "read", null, 9).key("x").extra("client", "c1").ok(3, "read", 1L, 10).key("x").node("zk2")
                .zxid(0x10).extra("version", 1L);
        HistoryBuilder unlinked = twoWrites();
        read(unlinked, 2, 2L, 0x12, 2, "zk1", 7, 8);
        read(unlinked, 3, 1L, 0x10, 1, "zk2", 9, 10);

        assertThat(only(checker.check(linked.build())).message()).startsWith("client c1's read of x from zk2");
        assertThat(checker.check(unlinked.build()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aSessionZxidThatDecreasesGoesBackwards() {
        HistoryBuilder b = twoWrites();
        read(b, 2, 2L, 0x12, 2, "zk1", 7, 8).extra("seenZxid", 0x40L);
        read(b, 2, 2L, 0x12, 2, "zk2", 9, 10).extra("seenZxid", 0x30L);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.message()).isEqualTo("client 2's session zxid went from 0x40 (zk1, 0.008s) back to 0x30 "
                + "(zk2, 0.010s)");
    }

    @Test
    void aStalePlainReadIsMeasuredNotReported() {
        HistoryBuilder b = twoWrites();
        read(b, 2, 1L, 0x10, 1, "zk2", 20, 21);

        CheckResult r = checker.check(b.build());

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.stats()).containsEntry("staleReads", 1L).containsEntry("staleFraction", 1.0);
        assertThat(r.stats().get("versionsBehind")).isEqualTo(Map.of("p50", 1.0, "p90", 1.0, "p99", 1.0,
                "max", 1.0));
        assertThat(r.stats().get("zxidsBehind")).asString().contains("max=2.0");
        assertThat((Double) ((Map<?, ?>) r.stats().get("msBehind")).get("max")).isCloseTo(14.0, within(0.05));
    }

    @Test
    void aStaleSyncThenReadIsAnAnomaly() {
        HistoryBuilder b = twoWrites();
        b.invoke(2, "read", null, 20).key("x").extra("readMode", "sync").ok(2, "read", 1L, 21).key("x").node("zk3")
                .zxid(0x10).extra("version", 1L);

        Anomaly a = only(checker.check(b.build()));

        assertThat(a.kind()).isEqualTo("stale-sync-read");
        assertThat(a.message()).isEqualTo("client 2's sync-then-read of x from zk3 at 0.020s returned zxid 0x10 "
                + "(version 1), 1 versions behind the write at zxid 0x12 by client 1 that had completed at 0.006s, "
                + "0.014s earlier (see ZOOKEEPER-1675 and docs/findings/sync-read-stale-on-leader.md)");
    }

    @Test
    void casRegisterValuesCarryTheirVersions() {
        History h = history()
                .invoke(1, "write", 1L, 0).ok(1, "write", List.of(1L, 0L), 1).zxid(0x10)
                .invoke(1, "cas", List.of(0L, 2L), 2).ok(1, "cas", List.of(2L, 1L), 3).zxid(0x11)
                .invoke(2, "read", null, 4).ok(2, "read", List.of(2L, 1L), 5).zxid(0x11)
                .invoke(2, "read", null, 6).ok(2, "read", List.of(2L, 0L), 7).zxid(0x11)
                .build();

        Anomaly a = only(checker.check(h));

        assertThat(a.message()).contains("returned 2 at zxid 0x11 (version 0), but the write at that zxid by client 1 "
                + "wrote 2 (version 1)");
    }

    @Test
    void configWatchesAreReadsOfTheConfigWrites() {
        History h = history()
                .invoke(1, "write-config", 1L, 0).key("/config").ok(1, "write-config", 1L, 1).key("/config")
                .zxid(0x10).extra("version", 1L)
                .invoke(1, "write-config", 2L, 2).key("/config").ok(1, "write-config", 2L, 3).key("/config")
                .zxid(0x11).extra("version", 2L)
                .invoke(2, "watch", null, 4).key("/config").ok(2, "watch", 2L, 5).key("/config").node("zk2")
                .zxid(0x11).extra("version", 2L)
                .invoke(2, "watch", null, 6).key("/config").ok(2, "watch", 1L, 7).key("/config").node("zk3")
                .zxid(0x10).extra("version", 1L)
                .build();

        Anomaly a = only(checker.check(h));

        assertThat(a.kind()).isEqualTo("zxid-went-backwards");
        assertThat(a.message()).startsWith("client 2's read of /config from zk3 at 0.006s returned the state at "
                + "zxid 0x10");
    }

    @Test
    void withoutZxidsTheVerdictIsUnknown() {
        History h = history().invoke(1, "write", 1L, 0).ok(1, "write", 1L, 1).build();

        CheckResult r = checker.check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).isEqualTo("no zxids were recorded, so ZooKeeper's guarantees cannot be checked");
    }
}
