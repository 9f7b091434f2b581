package io.chaoskeeper.report.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A link from a page to the finding a run names in {@code run.json} ({@code docs/findings/<name>.md}, relative to
 * the project): the project is the nearest folder above the page that holds that file, since run directories sit
 * at varying depths below it ({@code scenarios/target/chaoskeeper-runs/<Class>/<method>/...}).
 */
public final class FindingLink {

    private static final int MAX_LEVELS = 12;

    private FindingLink() {
    }

    /**
     * The href of the finding from {@code pageDir}: the URL itself for http(s), a relative path when the file is
     * found above {@code pageDir}, else null (the page then shows the name without a link).
     */
    public static String href(Path pageDir, Object finding) {
        if (!(finding instanceof String name) || name.isBlank()) {
            return null;
        }
        if (name.startsWith("https://") || name.startsWith("http://")) {
            return name;
        }
        Path relative = Path.of(name).normalize();
        if (relative.isAbsolute() || relative.startsWith("..")) {
            return null;
        }
        Path dir = pageDir.toAbsolutePath().normalize();
        StringBuilder up = new StringBuilder();
        for (int level = 0; dir != null && level < MAX_LEVELS; level++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return up + relative.toString().replace('\\', '/');
            }
            up.append("../");
        }
        return null;
    }
}
