package io.chaoskeeper.scenarios;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZooKeeper bugs the scenarios run into, by the releases that have them, so that a scenario tolerates a known bug only
 * on the versions that carry it and asserts the guarantee everywhere else.
 */
final class KnownIssues {

    /** The finding page that explains {@link #committedWritesLostAfterAbortedSync}. */
    static final String VERSION_BEHIND_WRITES = "docs/findings/version-behind-writes-3.8.md";

    /** The finding page that explains {@link #DIFF_SYNC_HOLE}. */
    static final String DIFF_SYNC_FROM_A_LOG_WITH_A_HOLE = "docs/findings/diff-sync-from-a-log-with-a-hole.md";

    /**
     * ZOOKEEPER-2846 / ZOOKEEPER-4352 (open): a leader whose transaction log has a hole (left by its own SNAP sync)
     * serves that log as a DIFF, and the follower skips committed transactions and applies uncommitted ones. The
     * follower's log names it every time ({@code DIFF sync got new epoch proposal} with a counter other than 1), which
     * chaoskeeper reports as this anomaly kind; {@link #LOST_BY_DIFF_SYNC_HOLE} are the anomalies it explains. No
     * release fixes it, so it is tolerated by its witness, not by version. See {@link #DIFF_SYNC_FROM_A_LOG_WITH_A_HOLE}.
     */
    static final String DIFF_SYNC_HOLE = "diff-sync-hole";

    /** What a follower that applied a DIFF with a hole shows: lost and extra elements, and a tree of its own. */
    static final String[] LOST_BY_DIFF_SYNC_HOLE = {"set-element-lost", "replicas-disagree", "digest-mismatch",
        "zab-log-hole", "zab-lost-write"};

    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    private KnownIssues() {
    }

    /**
     * ZOOKEEPER-4643 (with ZOOKEEPER-4685 as one trigger): a follower whose DIFF sync breaks off after NEWLEADER has
     * already taken the new epoch but not applied the synced transactions, wins the next election on that epoch with
     * its stale zxid, and the committed writes it lacks are truncated everywhere. Fixed in 3.9.3 (the
     * ZOOKEEPER-4394 change that applies and persists committed transactions before the epoch is taken); never
     * backported to 3.8. Only the releases read and measured are named (3.8.x, 3.9.0 to 3.9.2): older lines are
     * asserted. See {@link #VERSION_BEHIND_WRITES}.
     */
    static boolean committedWritesLostAfterAbortedSync(String version) {
        Matcher m = RELEASE.matcher(version);
        if (!m.matches()) {
            return false;
        }
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        return m.group(1).equals("3") && (minor == 8 || minor == 9 && patch < 3);
    }
}
