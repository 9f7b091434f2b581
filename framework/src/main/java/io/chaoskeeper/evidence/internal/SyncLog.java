package io.chaoskeeper.evidence.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which sync a rejoining server got from its leader, read from the lines ZooKeeper's {@code Learner} logs:
 * {@code diff} (the missing transactions from the leader's in-memory commit log), {@code snapshot} (the whole
 * tree) or {@code truncate} (its log cut back to the leader's). Sequences aimed at the sync path need to know which
 * one really happened: a rejoin past the commit log window silently takes the snapshot path.
 */
public final class SyncLog {

    /** One sync: when (on the history's clock), which kind, and the zxid the leader named. */
    public record Sync(long time, String kind, long zxid) {
    }

    /** A sync line: time of day, message, the zxid the leader named. */
    static final Pattern LINE = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) .*\\.Learner - "
            + "(Getting a diff from the leader|Getting a snapshot from leader|Truncating log to get in sync with the "
            + "leader) 0x([0-9a-fA-F]+)");

    private SyncLog() {
    }

    /**
     * The syncs a server's log records during the run.
     *
     * @param log      the server's log (its lines start with the UTC time of day, as the node images log)
     * @param runStart when the run's history clock reads zero
     * @param runEnd   a time after the log was copied
     */
    public static List<Sync> read(Path log, Instant runStart, Instant runEnd) {
        return RunLines.matching(log, runStart, runEnd, LINE,
                (time, m) -> new Sync(time, kind(m.group(2)), Long.parseUnsignedLong(m.group(3), 16)));
    }

    /** {@code diff}, {@code snapshot} or {@code truncate}, from a sync line's message. */
    static String kind(String message) {
        return message.startsWith("Getting a diff") ? "diff"
                : message.startsWith("Getting a snapshot") ? "snapshot" : "truncate";
    }
}
