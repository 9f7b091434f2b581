package io.chaoskeeper.junit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches a run's directory to the test's report. {@code ExtensionContext.publishDirectory} exists from JUnit
 * 5.12 on; the framework compiles against 5.10, so it is looked up reflectively and skipped where absent. A report
 * entry naming the directory is published on every version.
 */
public final class Publishing {

    private Publishing() {
    }

    /** Publishes a report entry for {@code runDir} and, on JUnit 5.12+, a copy of it as a published directory. */
    public static void publish(ExtensionContext context, Path runDir, Path report) {
        context.publishReportEntry("chaoskeeper.run", runDir.toAbsolutePath().toString());
        if (report != null) {
            context.publishReportEntry("chaoskeeper.report", report.toAbsolutePath().toString());
        }
        Method publishDirectory = publishDirectoryMethod();
        if (publishDirectory == null) {
            return;
        }
        ThrowingConsumer<Path> copy = target -> copyTree(runDir, target);
        try {
            publishDirectory.invoke(context, runDir.getFileName().toString(), copy);
        } catch (IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.getLogger(Publishing.class.getName()).log(System.Logger.Level.WARNING,
                    "could not publish " + runDir + ": " + cause);
        }
    }

    static Method publishDirectoryMethod() {
        try {
            return ExtensionContext.class.getMethod("publishDirectory", String.class, ThrowingConsumer.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
