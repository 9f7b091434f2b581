package io.chaoskeeper.junit.internal;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.Verdict;
import io.chaoskeeper.check.ZabLogChecker;
import io.chaoskeeper.evidence.internal.DiffSyncCheck;
import io.chaoskeeper.evidence.internal.DigestCheck;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run left its ensemble unfit for the next run of a per-class ensemble. Clearing the workloads' root cannot
 * repair a replica whose tree diverged: ZooKeeper deletes a znode without looking at children only that replica has,
 * and the orphans then make every later run count digest mismatches or disagree
 * (docs/findings/diff-sync-from-a-log-with-a-hole.md). So a run
 * whose replicas, server digests, syncs or transaction logs disagree, or that failed outright, hands the class a fresh
 * ensemble; whatever the anomaly was, it stays with the run that found it.
 */
public final class Divergence {

    private Divergence() {
    }

    /** Why the ensemble must be replaced after a run with these checks, or empty when it stays fit. */
    public static Optional<String> of(List<CheckResult> checks) {
        List<String> invalid = checks.stream().filter(c -> c.verdict() == Verdict.INVALID)
                .map(CheckResult::checker).filter(Divergence::judgesReplicas).toList();
        return invalid.isEmpty() ? Optional.empty()
                : Optional.of("its servers disagree (" + String.join(", ", invalid) + " invalid)");
    }

    /** The checkers that compare servers with each other, rather than judging what clients saw. */
    static boolean judgesReplicas(String checker) {
        return checker.startsWith("replicas(") || checker.equals(ZabLogChecker.NAME)
                || checker.equals(DigestCheck.NAME) || checker.equals(DiffSyncCheck.NAME);
    }
}
