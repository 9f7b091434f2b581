package io.chaoskeeper.scenarios;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ZooKeeperGuaranteesChecker;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sync-on-leader reproduction (docs/findings/sync-read-stale-on-leader.md, run by
 * {@code bench/sync-on-leader.sh}): its settings and its count of stale sync-then-reads per server role.
 */
final class SyncOnLeader {

    /** The anomaly the reproduction triggers. */
    static final String STALE_SYNC_READ = "stale-sync-read";

    /** Three servers suffice: one leader, two followers that answer writes. */
    static final int NODES = 3;

    /**
     * Five clients per server ({@code -DsyncOnLeader.clients} overrides): five sync-then-readers on the leader; one
     * sync-then-reader and four writers on each follower.
     */
    static final int CLIENTS = Integer.getInteger("syncOnLeader.clients", 15);

    /** The workload time of one run, 10 s ({@code -DsyncOnLeader.seconds} overrides). */
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("syncOnLeader.seconds", 10));

    private SyncOnLeader() {
    }

    /**
     * What one run saw.
     *
     * @param leaderReads   ok sync-then-reads on the leader
     * @param leaderStale   those that missed a write acknowledged before they began
     * @param followerReads ok sync-then-reads on the followers (the control group)
     * @param followerStale those that missed one
     * @param writes        ok writes
     */
    record Detections(long leaderReads, long leaderStale, long followerReads, long followerStale, long writes) {

        /** One line for logs and the sweep's table. */
        String line() {
            return "leader " + leaderStale + "/" + leaderReads + " stale, followers " + followerStale + "/"
                    + followerReads + " stale, " + writes + " writes";
        }
    }

    /**
     * Checks the writes with the leader's reads, then with the followers' reads, with
     * {@link ZooKeeperGuaranteesChecker}, and counts each role's sync-then-reads and {@value #STALE_SYNC_READ}
     * anomalies (all of them: the checker's stats count past the anomalies it keeps).
     */
    static Detections count(History history, String leader) {
        long[] leaderSide = countRole(history, node -> leader.equals(node));
        long[] followerSide = countRole(history, node -> !leader.equals(node));
        return new Detections(leaderSide[0], leaderSide[1], followerSide[0], followerSide[1], leaderSide[2]);
    }

    /** {ok reads, stale reads, ok writes} of the writes and the reads on the servers {@code readsOn} accepts. */
    private static long[] countRole(History history, Predicate<String> readsOn) {
        Set<Long> kept = new HashSet<>();
        long reads = 0;
        long writes = 0;
        for (Call call : history.calls()) {
            boolean read = call.invoke().f().equals("read");
            if (!read && !call.invoke().f().equals("write")) {
                continue;
            }
            String node = call.completion() == null ? call.invoke().node() : call.completion().node();
            if (read && !readsOn.test(node)) {
                continue;
            }
            kept.add(call.invoke().index());
            if (call.completion() != null) {
                kept.add(call.completion().index());
            }
            if (call.outcome() == Operation.Type.OK) {
                reads += read ? 1 : 0;
                writes += read ? 0 : 1;
            }
        }
        CheckResult check = ZooKeeperGuaranteesChecker.create().check(History.of(history.operations().stream()
                .filter(op -> op.isNemesis() || kept.contains(op.index())).toList()));
        Object counts = check.stats().get("anomalyCounts");
        Object stale = counts instanceof Map<?, ?> m ? m.get(STALE_SYNC_READ) : null;
        return new long[] {reads, stale == null ? 0 : ((Number) stale).longValue(), writes};
    }
}
