package io.chaoskeeper.evidence.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The digest mismatches a ZooKeeper server logged, as episodes of consecutive mismatches, each placed in the sync
 * it happened in. {@code DataTree} logs the first mismatch of an episode ({@code Message:Digests are not matching.
 * Value is Zxid. Value:<zxid>}) and then, at the next match or every 100 ms, how many more there were
 * ({@code [n times] Message: Digests are not matching. ... Last value:<zxid>}).
 *
 * <p>An episode is a <em>snapshot-sync window</em> (docs/findings/digest-mismatch-after-restart.md) when it began
 * while the server was loading a snapshot from its leader ({@code Getting a snapshot from leader 0xS}, before the
 * snapshot it writes at the sync's end, {@code Snapshotting: 0xE}) and it ends at most at E: the leader's snapshot is
 * fuzzy and carries no digest, so the learner compares the transactions it re-applies during the sync against a tree
 * that already holds their effects, until it catches up. It may start below S (the leader forwards proposals from
 * before its snapshot) or above S+1: transactions without a digest, such as the error transaction of a failed
 * conditional write, are not compared, so an episode may also count fewer mismatches than its zxids. An episode never spans a matching transaction (a
 * match flushes the rate logger, and the next mismatch opens a new episode). A tree that really diverged during the
 * sync goes on mismatching after it, past E, and is not explained.
 */
final class DigestLog {

    /** A server loading its own data at start: whatever window was open ended with its last life. */
    private static final Pattern RESTART = Pattern.compile("Snapshot loaded in");
    private static final Pattern SNAPSHOTTING = Pattern.compile("Snapshotting: 0x([0-9a-fA-F]+)");
    private static final Pattern FIRST = Pattern.compile(
            "Message:Digests are not matching\\. Value is Zxid\\. Value:(\\d+)");
    private static final Pattern MORE = Pattern.compile(
            "(?:\\[(\\d+) times] )?Message: Digests are not matching\\. Value is Zxid\\. Last value:(\\d+)");

    /**
     * Consecutive mismatches.
     *
     * @param first    the zxid of the first
     * @param last     the zxid of the last one logged
     * @param count    how many were logged
     * @param snapshot the zxid of the leader's snapshot being loaded when it began, or null (not during a SNAP sync)
     * @param syncEnd  the zxid of the snapshot the server wrote at that sync's end, or null
     */
    record Episode(long first, long last, long count, Long snapshot, Long syncEnd) {

        /** Whether it is a snapshot-sync window (see the class comment). */
        boolean inSnapshotSync() {
            return snapshot != null && syncEnd != null && last <= syncEnd && count <= last - first + 1;
        }
    }

    private DigestLog() {
    }

    /** The episodes in a server log, oldest first. */
    static List<Episode> read(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            Parser parser = new Parser();
            lines.forEach(parser::line);
            return parser.episodes();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("the server log " + log + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads lines in order; a SNAP window stays open from its snapshot line to the server's next snapshot. */
    private static final class Parser {
        /** A SNAP sync: the leader's snapshot zxid, and the zxid of the server's snapshot at its end (-1: open). */
        private long[] window;
        private Pending current;
        private final List<Pending> seen = new ArrayList<>();

        void line(String line) {
            Matcher m;
            if ((m = SyncLog.LINE.matcher(line)).find()) {
                window = SyncLog.kind(m.group(2)).equals("snapshot")
                        ? new long[] {Long.parseUnsignedLong(m.group(3), 16), -1} : null;
            } else if (RESTART.matcher(line).find()) {
                window = null;
            } else if ((m = SNAPSHOTTING.matcher(line)).find() && window != null) {
                window[1] = Long.parseLong(m.group(1), 16);
                window = null;
            } else if ((m = FIRST.matcher(line)).find()) {
                current = new Pending(Long.parseLong(m.group(1)), window);
                seen.add(current);
            } else if ((m = MORE.matcher(line)).find() && current != null) {
                current.last = Long.parseLong(m.group(2));
                current.count += m.group(1) == null ? 1 : Long.parseLong(m.group(1));
            }
        }

        List<Episode> episodes() {
            return seen.stream().map(Pending::episode).toList();
        }
    }

    /** An episode being read; its window's end may come later in the log. */
    private static final class Pending {
        private final long first;
        private final long[] window;
        private long last;
        private long count = 1;

        Pending(long first, long[] window) {
            this.first = first;
            this.last = first;
            this.window = window;
        }

        Episode episode() {
            return new Episode(first, last, count, window == null ? null : window[0],
                    window == null || window[1] < 0 ? null : window[1]);
        }
    }
}
