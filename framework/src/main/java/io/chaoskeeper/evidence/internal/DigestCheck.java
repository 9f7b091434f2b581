package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.check.Anomaly;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.ServerRole;
import io.chaoskeeper.check.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ZooKeeper's own digest check as a check result, {@value #NAME}: a follower compares the digest of its data tree
 * with the one its leader sent along with each transaction and counts every mismatch. Any mismatch on any server
 * is an anomaly; no count from any server is unknown.
 */
public final class DigestCheck {

    /** The checker name in {@code checks.json}. */
    public static final String NAME = "server-digest";
    /** The anomaly kind. */
    public static final String KIND = "digest-mismatch";

    private DigestCheck() {
    }

    /** The verdict over the servers' end-of-run facts. */
    public static CheckResult of(List<ServerFacts> servers) {
        List<ServerFacts> counted = servers.stream().filter(s -> s.digestMismatches() != null).toList();
        List<String> silent = servers.stream().filter(s -> s.digestMismatches() == null).map(ServerFacts::node)
                .toList();
        Map<String, Object> stats = Map.of("servers", counted.size(), "unanswered", silent);
        if (counted.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no server reported zk_digest_mismatches_count in mntr",
                    List.of(), 0, Duration.ZERO, stats);
        }
        List<ServerFacts> mismatched = counted.stream().filter(s -> s.digestMismatches() > 0).toList();
        if (mismatched.isEmpty()) {
            return new CheckResult(NAME, Verdict.VALID, "no digest mismatch on " + counted.size()
                    + (counted.size() == 1 ? " server" : " servers")
                    + (silent.isEmpty() ? "" : " (" + String.join(", ", silent) + " did not say)"), List.of(), 0,
                    Duration.ZERO, stats);
        }
        List<Anomaly> anomalies = mismatched.stream().map(DigestCheck::anomaly).toList();
        return new CheckResult(NAME, Verdict.INVALID, anomalies.get(0).message(), anomalies, 0, Duration.ZERO,
                stats);
    }

    private static Anomaly anomaly(ServerFacts s) {
        ServerRole role = new ServerRole(s.node(), s.state().wireName(), s.epoch());
        return new Anomaly(KIND, role.describe() + " counted " + s.digestMismatches()
                + " digest mismatches with its leader: its data tree diverged from the leader's (see its log)",
                List.of(), Map.of("node", s.node(), "digestMismatches", s.digestMismatches()), List.of(role));
    }
}
