package io.chaoskeeper.report;

import io.chaoskeeper.history.History;
import io.chaoskeeper.report.internal.HtmlPage;
import io.chaoskeeper.report.internal.IndexRow;
import io.chaoskeeper.report.internal.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The index over all runs below a directory: one sortable row per run (name, verdicts, duration, link to its
 * report), failures first. Runs are the directories holding {@code run.json} or {@code history.jsonl}; a run
 * without a report gets one rendered.
 */
public final class RunIndex {

    /** Deep enough for suite/test/repetition layouts, shallow enough not to crawl a whole disk by mistake. */
    private static final int MAX_DEPTH = 8;

    private RunIndex() {
    }

    /**
     * Renders {@code index.html} in {@code root} over the runs below it.
     *
     * @return the written page
     * @throws ReportException if {@code root} is not a directory
     * @throws UncheckedIOException if it cannot be walked or the page cannot be written
     */
    public static Path render(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ReportException(root + " is not a directory.");
        }
        List<Path> runs;
        try (Stream<Path> dirs = Files.walk(root, MAX_DEPTH)) {
            runs = dirs.filter(d -> !d.equals(root) && Files.isDirectory(d) && RunFiles.isRun(d)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs below " + root + " (" + e.getMessage() + ")", e);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path dir : runs) {
            rows.add(row(root, dir));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "chaoskeeper runs");
        model.put("runs", rows);
        model.put("outcomes", IndexRow.counts(rows));
        model.put("versions", IndexRow.versions(rows));
        Path page = root.resolve(RunFiles.REPORT);
        HtmlPage.write(page, "runs-body.html", List.of("common.js", "runs.js"), "chaoskeeper runs", model);
        return page;
    }

    private static Map<String, Object> row(Path root, Path dir) {
        String rel = root.relativize(dir).toString().replace('\\', '/');
        RunFiles run = RunFiles.read(dir);
        String problem = null;
        if (!Files.exists(dir.resolve(RunFiles.REPORT))) {
            try {
                RunReport.render(dir);
            } catch (ReportException | UncheckedIOException e) {
                problem = "no report: " + e.getMessage().replace(root.toString(), ".");
            }
        }
        Long historyMs = null;
        if (!(run.run().get("durationMs") instanceof Number)) {
            History h = run.history();
            historyMs = h == null ? null : h.operations().stream().mapToLong(op -> op.time()).max().orElse(0) / 1_000_000;
        }
        Map<String, Object> row = IndexRow.of(run, root, rel, rel + "/" + RunFiles.REPORT, historyMs);
        row.put("problem", problem);
        return row;
    }
}
