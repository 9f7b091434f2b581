package io.chaoskeeper.evidence.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
     * The syncs a server's log records at or after the run's start.
     *
     * @param log       the server's log (its lines start with the UTC time of day, as the node images log)
     * @param runStart  when the run's history clock reads zero
     */
    public static List<Sync> read(Path log, Instant runStart) {
        List<Sync> syncs = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    long time = historyTime(LocalTime.parse(m.group(1)), runStart);
                    if (time >= 0) {
                        syncs.add(new Sync(time, kind(m.group(2)), Long.parseUnsignedLong(m.group(3), 16)));
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return syncs; // a log being rotated or gone: the syncs read so far
        }
        return syncs;
    }

    /** {@code diff}, {@code snapshot} or {@code truncate}, from a sync line's message. */
    static String kind(String message) {
        return message.startsWith("Getting a diff") ? "diff"
                : message.startsWith("Getting a snapshot") ? "snapshot" : "truncate";
    }

    /** A time of day as nanoseconds since the run's start, taking the day the run started (or the next one). */
    private static long historyTime(LocalTime time, Instant runStart) {
        Instant day = runStart.truncatedTo(ChronoUnit.DAYS);
        Instant at = day.plusNanos(time.toNanoOfDay());
        if (at.isBefore(runStart.minusSeconds(60))) { // past midnight since the run began
            at = at.plus(1, ChronoUnit.DAYS);
        }
        return ChronoUnit.NANOS.between(runStart.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
    }
}
