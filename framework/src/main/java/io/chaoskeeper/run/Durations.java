package io.chaoskeeper.run;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way chaoskeeper reads a duration a person typed, shared by the command line ({@code --time-limit}) and the
 * JUnit settings ({@code chaoskeeper.duration}): {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a bare number
 * of seconds, or ISO-8601 such as {@code PT30S}. A negative duration is never accepted.
 *
 * <pre>{@code
 * Duration limit = Durations.parse("90s");
 * }</pre>
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * Parses a duration that may be zero.
     *
     * @throws IllegalArgumentException one sentence quoting the text, for anything else or a negative duration
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        try {
            d = m.matches() ? of(Long.parseLong(m.group(1)), m.group(2)) : Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 500ms, 2m or PT30S");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative; a duration must be 0 or more");
        }
        return d;
    }

    /**
     * Parses a duration that must be more than zero.
     *
     * @throws IllegalArgumentException one sentence quoting the text, for anything else or a duration of 0 or less
     */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero; the duration must be more than 0");
        }
        return d;
    }

    private static Duration of(long n, String unit) {
        return switch (unit == null ? "s" : unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
