package io.chaoskeeper.junit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extension's run-level settings, read from JUnit configuration parameters (which include system properties
 * and {@code junit-platform.properties}). A malformed value is rejected in one sentence naming the key.
 *
 * @param seed          {@code chaoskeeper.seed}, or null for a fresh seed per run
 * @param duration      {@code chaoskeeper.duration}, or null to keep each test's own duration
 * @param version       {@code chaoskeeper.zookeeper.version}, or null for the framework's default
 * @param outputDir     {@code chaoskeeper.output.dir} (default {@code target/chaoskeeper-runs})
 * @param dockerHost    {@code chaoskeeper.docker.host}, or null for {@code DOCKER_HOST} / the local socket
 * @param dockerMissing {@code chaoskeeper.docker.missing}: what a test does without Docker (default abort)
 * @param soak          {@code chaoskeeper.profile=soak}: runs last 10 minutes unless {@code chaoskeeper.duration} says
 *                      otherwise, and random fault schedules start faults twice as often
 */
public record ChaosConfig(Long seed, Duration duration, String version, Path outputDir, String dockerHost,
                          DockerMissing dockerMissing, boolean soak) {

    public static final String SEED = "chaoskeeper.seed";
    public static final String DURATION = "chaoskeeper.duration";
    public static final String VERSION = "chaoskeeper.zookeeper.version";
    public static final String OUTPUT_DIR = "chaoskeeper.output.dir";
    public static final String DOCKER_HOST = "chaoskeeper.docker.host";
    public static final String DOCKER_MISSING = "chaoskeeper.docker.missing";
    public static final String PROFILE = "chaoskeeper.profile";
    /** How long a run of the soak profile lasts when no duration is set. */
    public static final Duration SOAK_DURATION = Duration.ofMinutes(10);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /** What a chaos test does when no Docker engine answers. */
    public enum DockerMissing {
        /** The test is aborted (skipped, reported as such). */
        ABORT,
        /** The test is disabled before it starts. */
        DISABLE,
        /** The test fails. */
        FAIL
    }

    /** Reads the settings through {@code lookup} (e.g. {@code ExtensionContext::getConfigurationParameter}). */
    public static ChaosConfig from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        boolean soak = get.apply(PROFILE).map(ChaosConfig::soak).orElse(false);
        return new ChaosConfig(
                get.apply(SEED).map(ChaosConfig::seed).orElse(null),
                get.apply(DURATION).map(v -> duration(DURATION, v)).orElse(soak ? SOAK_DURATION : null),
                get.apply(VERSION).orElse(null),
                Path.of(get.apply(OUTPUT_DIR).orElse("target/chaoskeeper-runs")),
                get.apply(DOCKER_HOST).orElse(null),
                get.apply(DOCKER_MISSING).map(ChaosConfig::dockerMissing).orElse(DockerMissing.ABORT),
                soak);
    }

    private static boolean soak(String profile) {
        return switch (profile.toLowerCase(Locale.ROOT)) {
            case "soak" -> true;
            case "default" -> false;
            default -> throw new IllegalArgumentException(PROFILE + " must be default or soak, not '" + profile + "'.");
        };
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + " must be a whole number, not '" + value + "'.");
        }
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a bare number of seconds or ISO-8601 {@code PT30S}. */
    public static Duration duration(String key, String value) {
        Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                d = Duration.ZERO;
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration like 30s, 500ms, 2m or PT30S, not '"
                    + value + "'.");
        }
        return d;
    }

    private static DockerMissing dockerMissing(String value) {
        try {
            return DockerMissing.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DOCKER_MISSING + " must be abort, disable or fail, not '" + value + "'.");
        }
    }
}
