package io.chaoskeeper.junit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The ZooKeeper versions one test runs against. {@code chaoskeeper.zookeeper.versions} (e.g. {@code 3.8.4,3.9.4})
 * overrides the test class's {@code @ZooKeeperChaos(versions = ...)}; with neither, the test runs once on its single
 * version, in its usual directory. A sweep writes each version's run to {@code <run directory>/<version>/}.
 *
 * @param versions the versions in the order they run, without duplicates; empty when there is no sweep
 */
public record VersionSweep(List<String> versions) {

    public static final String VERSIONS = "chaoskeeper.zookeeper.versions";

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-.][\\w.-]+)?");

    /** A copy of the list, which must not name a version twice. */
    public VersionSweep {
        versions = List.copyOf(versions);
    }

    /**
     * The sweep for a test: the setting if given, else the annotation's versions.
     *
     * @param lookup    reads a configuration parameter (e.g. {@code ExtensionContext::getConfigurationParameter})
     * @param annotated the class's {@code @ZooKeeperChaos(versions)}, possibly empty
     * @throws IllegalArgumentException in one sentence naming the key, when a listed version is malformed
     */
    public static VersionSweep from(Function<String, Optional<String>> lookup, String... annotated) {
        Optional<String> setting = lookup.apply(VERSIONS).map(String::trim).filter(v -> !v.isEmpty());
        if (setting.isPresent()) {
            return new VersionSweep(parse(VERSIONS, setting.get()));
        }
        return new VersionSweep(parse("@ZooKeeperChaos(versions)", String.join(",", annotated)));
    }

    /** Splits on commas and blanks, drops repeats, and rejects anything that is not a version number. */
    static List<String> parse(String source, String text) {
        Set<String> versions = new LinkedHashSet<>();
        for (String v : SEPARATORS.split(text.trim())) {
            if (v.isEmpty()) {
                continue;
            }
            if (!VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException(source + " lists ZooKeeper versions like 3.8.4,3.9.4; '" + v
                        + "' is not one.");
            }
            versions.add(v);
        }
        return new ArrayList<>(versions);
    }

    /** True when the test runs once per listed version. */
    public boolean isSweep() {
        return !versions.isEmpty();
    }

    /** The version the class's ensemble starts with: the first of the sweep, else {@code fallback}. */
    public String firstOr(String fallback) {
        return isSweep() ? versions.get(0) : fallback;
    }

    /** Where one version's run goes: {@code <runDirectory>/<version>}, or the run directory itself without a sweep. */
    public Path directory(Path runDirectory, String version) {
        return isSweep() ? runDirectory.resolve(version) : runDirectory;
    }
}
