package io.chaoskeeper.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The index's side-by-side table of a test run under several ZooKeeper versions: runs are the same test when their
 * paths match once the version is taken out (a {@code 3.8.4} folder, or a {@code -3.8.4} / {@code [3.8.4]} suffix,
 * at any depth), and a test appears when it ran under at least two versions.
 */
final class VersionGrid {

    private static final Pattern EDGES = Pattern.compile("^[-_@\\[\\]() ]+|[-_@\\[\\]() ]+$");

    private VersionGrid() {
    }

    /**
     * {@code {versions: [...], tests: [{test, cells: {version: [{outcome, href}]}}]}} over index rows (with
     * {@code path}, {@code zookeeperVersion}, {@code outcome}, {@code href}), or null when no test ran under two
     * versions.
     */
    static Map<String, Object> of(List<Map<String, Object>> rows) {
        Map<String, Map<String, List<Map<String, Object>>>> byTest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Object version = row.get("zookeeperVersion");
            if (version == null) {
                continue;
            }
            String test = withoutVersion(String.valueOf(row.get("path")), String.valueOf(version));
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("outcome", row.get("outcome"));
            cell.put("href", row.get("href"));
            byTest.computeIfAbsent(test, t -> new LinkedHashMap<>())
                    .computeIfAbsent(String.valueOf(version), v -> new ArrayList<>()).add(cell);
        }
        TreeSet<String> versions = new TreeSet<>(VersionGrid::compareVersions);
        List<Map<String, Object>> tests = new ArrayList<>();
        byTest.forEach((test, cells) -> {
            if (cells.size() > 1) {
                versions.addAll(cells.keySet());
                tests.add(Map.of("test", test, "cells", cells));
            }
        });
        return tests.isEmpty() ? null : Map.of("versions", List.copyOf(versions), "tests", tests);
    }

    /** The run's path with the version taken out of every segment, and segments that were only the version dropped. */
    static String withoutVersion(String path, String version) {
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            String rest = segment.contains(version)
                    ? EDGES.matcher(segment.replace(version, "")).replaceAll("") : segment;
            if (!rest.isEmpty()) {
                kept.add(rest);
            }
        }
        return String.join("/", kept);
    }

    /** 3.8.10 after 3.8.4: numeric parts compared as numbers, the rest as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length) != 0 ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }
}
