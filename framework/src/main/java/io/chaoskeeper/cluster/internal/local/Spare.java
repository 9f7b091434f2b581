package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.internal.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One spare server of the {@link SparePool}: a started {@link SpareServer} process, its clock file (which its
 * node keeps for all its later starts, so that a clock offset survives a restart), and whether it said it is warm.
 */
final class Spare {

    private final Process process;
    private final Path clockFile;
    private final CompletableFuture<Boolean> warm;

    Spare(Process process, Path clockFile) {
        this.process = process;
        this.clockFile = clockFile;
        this.warm = CompletableFuture.supplyAsync(this::readWarmLine, Threads.POOL);
    }

    private boolean readWarmLine() {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            return SpareServer.WARM_LINE.equals(out.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    Path clockFile() {
        return clockFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} until the spare is warm; false if it is not (or died). */
    boolean awaitWarm(Duration timeout) {
        try {
            return warm.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands the spare its node: from now on it runs the server on {@code cfg}, its output appended to {@code log}. */
    Process assign(Path log, Path cfg) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write((log + "\t" + cfg + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    /** Ends a spare that is not needed; its directory goes with it (a rehearsal it was in the middle of, too). */
    void discard() {
        process.destroyForcibly();
        process.onExit().thenRun(() -> LocalSweep.deleteTree(clockFile.getParent()));
    }
}
