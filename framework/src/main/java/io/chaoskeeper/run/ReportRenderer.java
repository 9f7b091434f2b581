package io.chaoskeeper.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Renders the HTML reports of run directories. The framework cannot depend on the reports module, so the run
 * engine and the JUnit extension find an implementation on the class path through {@link ServiceLoader}; without
 * one (reports not on the class path) runs still record their files, just without {@code index.html}.
 */
public interface ReportRenderer {

    /**
     * Renders (or re-renders) the report of one run directory.
     *
     * @return the written {@code index.html}
     * @throws RuntimeException with a one-sentence message when the directory is not a run or the report cannot
     *                          be written
     */
    Path renderRun(Path runDir);

    /**
     * Renders the index over all run directories below {@code root}.
     *
     * @return the written {@code index.html} in {@code root}
     * @throws RuntimeException with a one-sentence message when {@code root} is not a directory or the index cannot
     *                          be written
     */
    Path renderIndex(Path root);

    /** The first renderer on the class path, or empty when the reports module is absent. */
    static Optional<ReportRenderer> find() {
        return ServiceLoader.load(ReportRenderer.class).findFirst();
    }
}
