package io.chaoskeeper.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Another checker run side by side in {@code bench}, named by the environment variable {@code PORCUPINE_CMD}: a
 * command (split on blanks) that is given the model and a history file as two more arguments and prints one line
 * {@code <valid|invalid|unknown> <median milliseconds>}. Nothing of it ships with chaoskeeper.
 */
final class ExternalChecker {

    /** One answer: the verdict word and its time, or why there is none. */
    record Answer(String verdict, double millis, String error) {
        boolean decided() {
            return error == null && !verdict.equals("unknown");
        }
    }

    private final List<String> command;

    private ExternalChecker(List<String> command) {
        this.command = command;
    }

    /** The checker named by {@code PORCUPINE_CMD}, or null when it is not set. */
    static ExternalChecker fromEnvironment() {
        String cmd = System.getenv("PORCUPINE_CMD");
        return cmd == null || cmd.isBlank() ? null
                : new ExternalChecker(Arrays.asList(cmd.strip().split("\\s+")));
    }

    /** Runs it on one file; a failure or a timeout of {@code limitSeconds} is an answer with an error. */
    Answer check(String model, Path file, long limitSeconds) {
        List<String> args = new ArrayList<>(command);
        args.add(model);
        args.add(file.toString());
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Answer("unknown", Double.NaN, "no answer within " + limitSeconds + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String[] words = out.isEmpty() ? new String[0] : out.lines().reduce((a, b) -> b).orElse("").split("\\s+");
            if (p.exitValue() != 0 || words.length < 2) {
                return new Answer("unknown", Double.NaN, "exit " + p.exitValue() + ": " + out);
            }
            return new Answer(words[0].toLowerCase(Locale.ROOT), Double.parseDouble(words[1]), null);
        } catch (IOException | NumberFormatException e) {
            return new Answer("unknown", Double.NaN, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer("unknown", Double.NaN, "interrupted");
        }
    }
}
