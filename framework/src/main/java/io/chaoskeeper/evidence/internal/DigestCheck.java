package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.check.Verdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZooKeeper's own digest check as a check result, {@value #NAME}: a follower compares the digest of its data tree
 * with the one its leader sent along with each transaction and counts every mismatch ({@code mntr}'s
 * {@code zk_digest_mismatches_count}, over the server's life). The check judges the mismatches counted during the
 * run and explains them from the server's log ({@link DigestLog}): those of a snapshot-sync window are ZooKeeper
 * comparing a fuzzy snapshot (docs/findings/digest-mismatch-after-restart.md) and are listed, not failed; any other
 * is an anomaly. No count from any server is unknown.
 */
public final class DigestCheck {

    /** The checker name in {@code checks.json}. */
    public static final String NAME = "server-digest";
    /** The anomaly kind. */
    public static final String KIND = "digest-mismatch";
    /** The page that explains the mismatches of a snapshot-sync window. */
    public static final String FINDING = "docs/findings/digest-mismatch-after-restart.md";

    private DigestCheck() {
    }

    /**
     * The verdict over the servers' end-of-run facts.
     *
     * @param before       each server's count at the run's start (absent: none known, as for a server then down)
     * @param runDirectory where the servers' logs were copied ({@code nodes/<node>.log})
     */
    public static CheckResult of(List<ServerFacts> servers, Map<String, Long> before, Path runDirectory) {
        List<String> silent = servers.stream().filter(s -> s.digestMismatches() == null).map(ServerFacts::node)
                .toList();
        List<ServerFacts> counted = servers.stream().filter(s -> s.digestMismatches() != null).toList();
        Map<String, Object> stats = new LinkedHashMap<>(Map.of("servers", counted.size(), "unanswered", silent));
        if (counted.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no server reported zk_digest_mismatches_count in mntr",
                    List.of(), 0, Duration.ZERO, stats);
        }
        List<Anomaly> anomalies = new ArrayList<>();
        List<Map<String, Object>> explained = new ArrayList<>();
        for (ServerFacts s : counted) {
            long inRun = inRun(s.digestMismatches(), before.get(s.node()));
            if (inRun == 0) {
                continue;
            }
            DigestExplanation why = DigestExplanation.of(s.node(), s.copiedLog(runDirectory), inRun);
            if (why.explained()) {
                explained.addAll(why.windows());
            } else {
                anomalies.add(anomaly(s, inRun, why.reason()));
            }
        }
        stats.put("snapshotSyncWindows", explained);
        String others = silent.isEmpty() ? "" : " (" + String.join(", ", silent) + " did not say)";
        if (!anomalies.isEmpty()) {
            return new CheckResult(NAME, Verdict.INVALID, anomalies.get(0).message(), anomalies, 0, Duration.ZERO,
                    stats);
        }
        String summary = explained.isEmpty()
                ? "no digest mismatch on " + counted.size() + (counted.size() == 1 ? " server" : " servers") + others
                : "no unexplained digest mismatch on " + counted.size() + " servers" + others + "; "
                        + DigestExplanation.describe(explained) + " (" + FINDING + ")";
        return new CheckResult(NAME, Verdict.VALID, summary, List.of(), 0, Duration.ZERO, stats);
    }

    /** The mismatches counted during the run: a count below the one at the start means the server restarted. */
    static long inRun(long atEnd, Long atStart) {
        return atStart == null || atEnd < atStart ? atEnd : atEnd - atStart;
    }

    private static Anomaly anomaly(ServerFacts s, long inRun, String reason) {
        ServerRole role = new ServerRole(s.node(), s.state().wireName(), s.epoch());
        return new Anomaly(KIND, role.describe() + " counted " + inRun + " digest mismatches with its leader in this"
                + " run that no snapshot sync explains (" + reason + "): its data tree diverged from the leader's"
                + " (see nodes/" + s.node() + ".log)", List.of(),
                Map.of("node", s.node(), "digestMismatches", inRun), List.of(role));
    }
}
