package io.chaoskeeper.junit.internal;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.run.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

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
 * @param backend       {@code chaoskeeper.backend} ({@code docker}, {@code local}, {@code auto}), or null to leave
 *                      it to the system property, {@code CHAOSKEEPER_BACKEND} or auto
 * @param soak          {@code chaoskeeper.profile=soak}: runs last 10 minutes unless {@code chaoskeeper.duration} says
 *                      otherwise, and random fault schedules start faults twice as often
 */
public record ChaosConfig(Long seed, Duration duration, String version, Path outputDir, String dockerHost,
                          DockerMissing dockerMissing, Backend backend, boolean soak) {

    public static final String SEED = "chaoskeeper.seed";
    public static final String DURATION = "chaoskeeper.duration";
    public static final String VERSION = "chaoskeeper.zookeeper.version";
    public static final String OUTPUT_DIR = "chaoskeeper.output.dir";
    public static final String DOCKER_HOST = "chaoskeeper.docker.host";
    public static final String DOCKER_MISSING = "chaoskeeper.docker.missing";
    public static final String PROFILE = "chaoskeeper.profile";
    /** How long a run of the soak profile lasts when no duration is set. */
    public static final Duration SOAK_DURATION = Duration.ofMinutes(10);

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
                get.apply(Backend.PROPERTY).map(Backend::parse).orElse(null),
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

    /** Parses a positive duration with {@link Durations}, naming the key when it is not one. */
    public static Duration duration(String key, String value) {
        try {
            return Durations.parsePositive(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a positive duration like 30s, 500ms, 2m or PT30S, not '"
                    + value + "'.", e);
        }
    }

    private static DockerMissing dockerMissing(String value) {
        try {
            return DockerMissing.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DOCKER_MISSING + " must be abort, disable or fail, not '" + value + "'.");
        }
    }
}
