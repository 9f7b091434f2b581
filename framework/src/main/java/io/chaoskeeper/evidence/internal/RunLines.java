package io.chaoskeeper.evidence.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lines of a server log written during one run. A log holds the server's whole life (a per-class ensemble
 * serves several runs) and its lines carry only the UTC time of day, so each is placed from the log's last line
 * back: lines follow each other in time, less than 12 hours apart (a small step back is a line logged out of order,
 * a large one is midnight), and the last one was logged before the run's end, less than a day after its start.
 */
final class RunLines {

    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final long DAY = Duration.ofDays(1).toNanos();
    /** How far a server's clock may run ahead of the test JVM's. */
    private static final long SKEW = Duration.ofSeconds(60).toNanos();

    private RunLines() {
    }

    /**
     * The lines of {@code log} matching {@code pattern} logged from {@code runStart} to {@code runEnd}, each mapped
     * with its time on the history's clock (nanoseconds since {@code runStart}). A log that cannot be read gives the
     * lines read so far.
     */
    static <T> List<T> matching(Path log, Instant runStart, Instant runEnd, Pattern pattern,
                                BiFunction<Long, MatchResult, T> map) {
        List<Long> times = new ArrayList<>();
        List<MatchResult> matches = new ArrayList<>();
        long elapsed = 0;
        long previous = -1;
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher time = TIME.matcher(line);
                if (!time.find()) {
                    continue; // a stack trace or a message's further lines
                }
                long tod = LocalTime.parse(time.group(1)).toNanoOfDay();
                elapsed += previous < 0 ? 0 : step(tod - previous);
                previous = tod;
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    times.add(elapsed);
                    matches.add(m.toMatchResult());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a log being rotated or gone: place what was read
        }
        if (previous < 0) {
            return List.of();
        }
        long last = sinceStart(previous, runStart, runEnd);
        List<T> found = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            long t = last - (elapsed - times.get(i));
            if (t >= 0) {
                found.add(map.apply(t, matches.get(i)));
            }
        }
        return found;
    }

    /** The time between two consecutive lines from their times of day. */
    private static long step(long delta) {
        return delta < -DAY / 2 ? delta + DAY : delta > DAY / 2 ? delta - DAY : delta;
    }

    /** The last line's time since the run's start: the one with its time of day in the day before the run's end. */
    private static long sinceStart(long timeOfDay, Instant runStart, Instant runEnd) {
        long startOfDay = runStart.atOffset(ZoneOffset.UTC).toLocalTime().toNanoOfDay();
        long since = Math.floorMod(timeOfDay - startOfDay, DAY);
        long end = Duration.between(runStart, runEnd).toNanos();
        return since > end + SKEW ? since - DAY : since;
    }
}
