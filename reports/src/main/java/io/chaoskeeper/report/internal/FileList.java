package io.chaoskeeper.report.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files of a run directory from its listing, not from a list of known names, so that a file a later version of
 * the run writes is linked without a change here. Top-level files come first, then each folder's, by name.
 */
final class FileList {

    /** Deep enough for {@code nodes/<node>.log}; a run nested in a run (a version sweep) is not listed twice. */
    private static final int MAX_DEPTH = 3;

    private FileList() {
    }

    /**
     * The files below {@code dir} but {@code report} at its top and anything inside a nested run directory, as
     * {@code {path, bytes}} with '/'-separated relative paths.
     */
    static List<Map<String, Object>> of(Path dir, String report, Consumer<String> note) {
        List<Map<String, Object>> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir, MAX_DEPTH)) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(dir.resolve(report)) && !insideNestedRun(dir, p))
                    .map(dir::relativize)
                    .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
                    .forEach(p -> files.add(entry(dir, p)));
        } catch (IOException | UncheckedIOException e) {
            note.accept("the run directory could not be listed completely (" + e.getMessage() + ")");
        }
        return files;
    }

    private static boolean insideNestedRun(Path dir, Path file) {
        for (Path p = file.getParent(); p != null && !p.equals(dir); p = p.getParent()) {
            if (RunFiles.isRun(p)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> entry(Path dir, Path relative) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", relative.toString().replace('\\', '/'));
        long bytes;
        try {
            bytes = Files.size(dir.resolve(relative));
        } catch (IOException gone) {
            bytes = -1; // removed while listing
        }
        e.put("bytes", bytes);
        return e;
    }
}
