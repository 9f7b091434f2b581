package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.EnsembleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A small child process per local ensemble ({@code watchdog.sh}) that outlives nothing: it reads a pipe from this
 * JVM and, when the pipe ends because this JVM exited in any way (even SIGKILL, when no shutdown hook runs), kills
 * the ensemble's servers and removes its directory. Closing it normally does the same, after {@code close()} has
 * already stopped the servers.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = "watchdog.sh";

    private final Process process;
    private final OutputStream pipe;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /** Starts the watchdog of the ensemble in {@code directory}; its script is unpacked once into {@code root}. */
    static Watchdog start(Path root, Path directory) {
        try {
            Path script = unpack(root);
            return new Watchdog(new ProcessBuilder("sh", script.toString(), directory.toString())
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new EnsembleException("The local ensemble's watchdog could not start (" + e.getMessage() + ").", e);
        }
    }

    private static Path unpack(Path root) throws IOException {
        byte[] content;
        try (InputStream in = Objects.requireNonNull(Watchdog.class.getResourceAsStream(SCRIPT), SCRIPT)) {
            content = in.readAllBytes();
        }
        Path script = root.resolve(SCRIPT);
        if (!Files.exists(script) || !java.util.Arrays.equals(Files.readAllBytes(script), content)) {
            Path temp = Files.createTempFile(root, SCRIPT, ".tmp");
            Files.write(temp, content);
            Files.move(temp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return script;
    }

    /** The watchdog's pid, for tests. */
    long pid() {
        return process.pid();
    }

    /** Ends the pipe: the watchdog cleans up what is left and exits. */
    @Override
    public void close() {
        try {
            pipe.close();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
