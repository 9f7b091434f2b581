package io.chaoskeeper.report;

import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.report.internal.RunFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run directory for a history that did not come from a run (e.g. an imported Jepsen or Porcupine
 * history checked by {@code check --report OUT}): {@code history.jsonl}, {@code checks.json}, {@code run.json} when
 * there is run information, and the report.
 *
 * <pre>ReportWriter.forHistory(history, results).withRunInfo(Map.of("name", "etcd_001")).writeTo(out);</pre>
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final History history;
    private final List<CheckResult> results;
    private final Map<String, Object> runInfo;

    private ReportWriter(History history, List<CheckResult> results, Map<String, Object> runInfo) {
        this.history = history;
        this.results = List.copyOf(results);
        this.runInfo = runInfo;
    }

    /** A writer for this history and the results of checking it. */
    public static ReportWriter forHistory(History history, List<CheckResult> results) {
        return new ReportWriter(history, results, Map.of());
    }

    /**
     * With run information written as {@code run.json} (keys as the run engine writes them: {@code name},
     * {@code seed}, {@code zookeeperVersion}, {@code workload}, {@code reproduce}, ...). Default: none.
     */
    public ReportWriter withRunInfo(Map<String, Object> info) {
        return new ReportWriter(history, results, new LinkedHashMap<>(info));
    }

    /**
     * Writes the files and the report into {@code dir}, creating it if needed and replacing files of the same name.
     *
     * @return the written {@code index.html}
     * @throws UncheckedIOException if the directory cannot be written
     */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            JsonLines.write(dir.resolve(RunFiles.HISTORY), history);
            CheckResultJson.write(dir.resolve(RunFiles.CHECKS), results);
            if (!runInfo.isEmpty()) {
                JSON.writeValue(dir.resolve(RunFiles.RUN).toFile(), runInfo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run directory " + dir + " (" + why(e) + ")", e);
        }
        return RunReport.render(dir);
    }

    /** The reason in words: the JDK's messages for these are often just the path again. */
    private static String why(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return "a file is in the way at " + f.getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + " at " + f.getFile();
        }
        return e.getMessage();
    }
}
