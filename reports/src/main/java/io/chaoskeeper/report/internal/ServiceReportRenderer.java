package io.chaoskeeper.report.internal;

import io.chaoskeeper.report.RunIndex;
import io.chaoskeeper.report.RunReport;
import io.chaoskeeper.run.ReportRenderer;

import java.nio.file.Path;

/** The reports module behind the framework's {@link ReportRenderer} service interface. */
public final class ServiceReportRenderer implements ReportRenderer {

    @Override
    public Path renderRun(Path runDir) {
        return RunReport.render(runDir);
    }

    @Override
    public Path renderIndex(Path root) {
        return RunIndex.render(root);
    }
}
