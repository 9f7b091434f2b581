package io.chaoskeeper.cli;

import io.chaoskeeper.check.LinearizabilityChecker;
import io.chaoskeeper.check.Model;
import io.chaoskeeper.check.Models;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.format.HistoryFormat;
import io.chaoskeeper.run.Durations;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The options {@code check} and {@code bench} share: the model, the format, the files. */
final class HistoryInput {

    @Option(names = "--model", paramLabel = "M",
            description = "The model: register, cas-register, znode, mutex, set, fifo-queue, unordered-queue, kv.")
    String model;

    @Option(names = "--format", paramLabel = "F",
            description = "jsonl, edn, jepsen-log or porcupine-kv; detected from the content when absent.")
    String format;

    @Option(names = "--time-limit", paramLabel = "D", converter = DurationConverter.class,
            description = "Give up (unknown) after this long per file, e.g. 30s, 500ms, 2m, PT30S; not negative (default 2m).")
    Duration timeLimit;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "History files.")
    List<Path> files;

    /** A history file read with its format; the model interprets it under the format's rules. */
    record Loaded(Path file, HistoryFormat format, History history, LinearizabilityChecker checker) {
    }

    /** Checks the options; prints one sentence to {@code err} and returns false when they are wrong. */
    boolean valid(String command, java.io.PrintWriter err) {
        try {
            validate();
            return true;
        } catch (IllegalArgumentException e) {
            err.println("chaoskeeper " + command + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Checks the options before any file is read.
     *
     * @throws IllegalArgumentException one sentence for an unknown model or format
     */
    void validate() {
        if (model == null) {
            throw new IllegalArgumentException("name the model with --model (one of "
                    + String.join(", ", Models.names()) + ")");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("give at least one history FILE");
        }
        if (!Models.names().contains(model)) {
            Models.named(model, HistoryFormat.Rules.CHAOSKEEPER);
        }
        if (format != null) {
            HistoryFormat.named(format);
        }
    }

    /**
     * Reads one file.
     *
     * @throws io.chaoskeeper.history.HistoryFormatException one sentence naming the file and line
     */
    Loaded load(Path file) {
        HistoryFormat f = format == null ? HistoryFormat.detect(file) : HistoryFormat.named(format);
        History history = f.read(file);
        Model<?> m = Models.named(model, f.rules());
        LinearizabilityChecker checker = LinearizabilityChecker.of(m);
        return new Loaded(file, f, history, timeLimit == null ? checker : checker.withTimeLimit(timeLimit));
    }

    /** Reads {@code --time-limit} with the one duration parser the JUnit settings use too. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
