package io.chaoskeeper.report;

import io.chaoskeeper.report.internal.HtmlPage;
import io.chaoskeeper.report.internal.ReportModel;
import io.chaoskeeper.report.internal.RunFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The HTML report of one run directory: {@code index.html} beside the run's files, self-contained (works from
 * {@code file://} without network) and linking the raw files relatively. Whatever files the run lacks, the report
 * shows what is there and says what is not.
 *
 * <pre>Path page = RunReport.render(runDir);</pre>
 */
public final class RunReport {

    /** The page's scripts, in order: each uses what the ones before it define. */
    private static final List<String> SCRIPTS = List.of("common.js", "report-core.js", "anomalies.js", "lanes.js",
            "timeline-index.js", "timeline.js", "charts.js", "report.js");

    private RunReport() {
    }

    /**
     * Renders (or re-renders) the report of a run directory.
     *
     * @return the written {@code index.html}
     * @throws ReportException if the directory is missing or holds nothing to report on
     * @throws java.io.UncheckedIOException if the page cannot be written
     */
    public static Path render(Path runDir) {
        RunFiles run = RunFiles.read(runDir);
        Object name = run.run().get("name");
        Path fileName = runDir.toAbsolutePath().normalize().getFileName();
        String title = name != null ? String.valueOf(name) : fileName == null ? "run" : fileName.toString();
        Path page = runDir.resolve(RunFiles.REPORT);
        HtmlPage.write(page, "report-body.html", SCRIPTS, title + " · chaoskeeper report", ReportModel.of(run, title));
        return page;
    }
}
