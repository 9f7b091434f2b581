package io.chaoskeeper.report.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoskeeper.check.CheckResult;
import io.chaoskeeper.check.CheckResultJson;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.report.ReportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run directory holds, read leniently: every file may be missing or broken, and each problem becomes a
 * note for the report instead of an exception. Notes never hold absolute paths, only names inside the run.
 */
public final class RunFiles {

    /** The history file (JsonLines). */
    public static final String HISTORY = "history.jsonl";
    /** The history in Jepsen's EDN, for Jepsen tools. */
    public static final String HISTORY_EDN = "history.edn";
    /** Fault events only. */
    public static final String FAULTS = "faults.jsonl";
    /** HdrHistogram interval log, one tag per f:outcome. */
    public static final String LATENCY = "latency.hlog";
    /** Check results ({@link CheckResultJson}). */
    public static final String CHECKS = "checks.json";
    /** Run metadata. */
    public static final String RUN = "run.json";
    /** Each node's role, epoch and zxid over time. */
    public static final String CLUSTER = "cluster.jsonl";
    /** End-of-run facts per node. */
    public static final String SERVERS = "servers.json";
    /** Node logs live here. */
    public static final String NODES = "nodes";
    /** The rendered report. */
    public static final String REPORT = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> notes = new ArrayList<>();
    private History history;
    private boolean historyRead;
    private final List<CheckResult> checks;
    private final Map<String, Object> run;

    private RunFiles(Path dir) {
        this.dir = dir;
        this.checks = readChecks();
        this.run = readRun();
    }

    /**
     * Reads a run directory.
     *
     * @throws ReportException if it is not a directory or holds none of history, checks and run metadata
     */
    public static RunFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir + " is not a directory.");
        }
        if (!Files.exists(dir.resolve(HISTORY)) && !Files.exists(dir.resolve(CHECKS))
                && !Files.exists(dir.resolve(RUN))) {
            throw new ReportException(dir + " holds no " + HISTORY + ", " + CHECKS + " or " + RUN
                    + ", so it is not a run directory.");
        }
        return new RunFiles(dir);
    }

    /** True when the directory looks like a run (has run metadata or a history). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RUN)) || Files.isRegularFile(dir.resolve(HISTORY));
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The history, or null when absent or unreadable (a note says which). */
    public History history() {
        if (!historyRead) {
            history = readHistory();
            historyRead = true;
        }
        return history;
    }

    /** The check results, empty when absent or unreadable. */
    public List<CheckResult> checks() {
        return checks;
    }

    /** run.json as JSON-like maps, empty when absent or unreadable. */
    public Map<String, Object> run() {
        return run;
    }

    /** Fault events from faults.jsonl, or empty when it is absent or unreadable. */
    public History faultFile() {
        Path file = dir.resolve(FAULTS);
        if (!Files.isRegularFile(file)) {
            return History.of(List.of());
        }
        try {
            return JsonLines.read(file);
        } catch (HistoryFormatException e) {
            note(FAULTS + " could not be read: " + e.getMessage());
            return History.of(List.of());
        }
    }

    /** The latency log, or null when absent. */
    public Path latencyLog() {
        Path file = dir.resolve(LATENCY);
        return Files.isRegularFile(file) ? file : null;
    }

    /** Problems met while reading, in words, with paths relative to the run. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records a problem found later (e.g. while computing latencies). */
    public void note(String problem) {
        notes.add(problem.replace(dir.toAbsolutePath() + "/", "").replace(dir + "/", ""));
    }

    /**
     * Every file of the run directory (and below it) but the report itself, with its size: {@code path}
     * ('/'-separated, relative to the run) and {@code bytes}.
     */
    public List<Map<String, Object>> rawFiles() {
        return FileList.of(dir, REPORT, this::note);
    }

    /** checks.json as JSON-like maps, keeping fields the framework's reader does not know (e.g. {@code servers}). */
    public List<Object> rawChecks() {
        return readJson(CHECKS) instanceof List<?> list && list.size() == checks.size() ? List.copyOf(list) : null;
    }

    /** servers.json's node list (end-of-run facts per node), empty when absent or unreadable. */
    public List<Object> servers() {
        return readJson(SERVERS) instanceof Map<?, ?> m && m.get("nodes") instanceof List<?> nodes
                ? List.copyOf(nodes) : List.of();
    }

    /** The standard files this run lacks, each with what the report does without it. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        missingIf(missing, HISTORY, "no timeline, counts or latencies");
        missingIf(missing, CHECKS, "no verdicts");
        missingIf(missing, RUN, "no seed, version or reproduce command");
        missingIf(missing, LATENCY, "latencies are computed from the history's invoke and completion times");
        missingIf(missing, FAULTS, "faults are taken from the history");
        missingIf(missing, CLUSTER, "no server lanes (roles over time)");
        missingIf(missing, SERVERS, "no end-of-run server facts");
        if (!Files.isDirectory(dir.resolve(NODES))) {
            missing.add(NODES + "/: no node logs");
        }
        return missing;
    }

    private void missingIf(List<String> missing, String name, String consequence) {
        if (!Files.isRegularFile(dir.resolve(name))) {
            missing.add(name + ": " + consequence);
        }
    }

    private History readHistory() {
        Path file = dir.resolve(HISTORY);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonLines.read(file);
        } catch (HistoryFormatException e) {
            note(e.getMessage());
            return null;
        }
    }

    private List<CheckResult> readChecks() {
        Path file = dir.resolve(CHECKS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return CheckResultJson.read(file);
        } catch (IOException | RuntimeException e) {
            note(CHECKS + " could not be read, so no verdicts are shown (" + firstLine(e) + ")");
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readRun() {
        Object value = readJson(RUN);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value != null) {
            note(RUN + " is not a JSON object, so run details are not shown");
        }
        return Map.of();
    }

    /** A JSON file of the run, or null when absent or unreadable (a note says which). */
    private Object readJson(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            if (!name.equals(CHECKS)) { // checks.json's reader has already said so
                note(name + " could not be read, so " + (name.equals(RUN) ? "run details are" : "its facts are")
                        + " not shown (" + firstLine(e) + ")");
            }
            return null;
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
