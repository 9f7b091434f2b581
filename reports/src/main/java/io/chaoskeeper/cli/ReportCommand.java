package io.chaoskeeper.cli;

import io.chaoskeeper.report.ReportException;
import io.chaoskeeper.report.RunIndex;
import io.chaoskeeper.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code chaoskeeper report DIR}: renders the HTML report of a run directory, or with --index the run index. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Renders index.html for a run directory (history.jsonl, checks.json, run.json, ...).",
                "With --index, renders index.html over all run directories below DIR."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--index", description = "Render the index over the runs below DIR instead.")
    private boolean index;

    @Parameters(paramLabel = "DIR", description = "A run directory, or with --index a directory of runs.")
    private Path dir;

    @Override
    public Integer call() {
        try {
            Path page = index ? RunIndex.render(dir) : RunReport.render(dir);
            spec.commandLine().getOut().println(page);
            return 0;
        } catch (ReportException | UncheckedIOException e) {
            spec.commandLine().getErr().println("chaoskeeper report: " + e.getMessage());
            return Main.USAGE;
        }
    }
}
