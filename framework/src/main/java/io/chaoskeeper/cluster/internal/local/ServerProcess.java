package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.EnsembleException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One local node's server: a child JVM started from a fixed command line (the same data directory and ports on
 * every start), its output appended to the node's log file, its pid kept in {@code <ensemble dir>/zkN.pid} for the
 * {@link Watchdog} while it runs. Its first start may take over a warm {@link Spare} instead. Pause and resume are
 * SIGSTOP and SIGCONT, kill is SIGKILL.
 */
public final class ServerProcess {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Path pidFile;
    private final Path clockFile;
    private volatile Process process;

    ServerProcess(String name, List<String> command, Path log, Path pidFile, Path clockFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.pidFile = pidFile;
        this.clockFile = clockFile;
    }

    /** Starts the server in {@code spare} (made for this server's command, with its clock file), or cold if null. */
    synchronized void start(Spare spare) {
        if (spare == null) {
            start();
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            watch(spare.assign(log, Path.of(command.get(command.size() - 1))));
        } catch (IOException e) {
            spare.discard();
            start();
        }
    }

    /** Starts the server unless it runs. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).redirectInput(Redirect.from(nullDevice()))
                    .start();
            watch(started);
        } catch (IOException e) {
            throw new EnsembleException(name + " could not be started as a local process (" + e.getMessage() + ").",
                    e);
        }
    }

    private void watch(Process started) throws IOException {
        process = started;
        String pid = Long.toString(started.pid());
        Files.writeString(pidFile, pid);
        started.onExit().thenRun(() -> forget(pid));
    }

    private void forget(String pid) {
        try {
            if (Files.exists(pidFile) && Files.readString(pidFile).equals(pid)) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException ignored) {
            // the directory is being removed
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    /** True while the server's process exists (running or stopped). */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** True while the process exists but is stopped (SIGSTOP), by its state in {@code /proc}; false off Linux. */
    public boolean isStopped() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(p.pid()),
                    "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("T");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The process id, or -1 before the first start. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            await(p);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    /** Sends {@code STOP} or {@code CONT}: Java has no API for them, so the {@code kill} command does. */
    public void signal(String signal) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(name + " is not running, so it cannot get SIG" + signal + ".");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed for " + name + ": "
                        + new String(kill.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " could not be run for " + name + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name + ".", e);
        }
    }

    private void await(Process p) {
        try {
            p.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file its clock agent reads the clock offset from, the same on every start. */
    Path clockFile() {
        return clockFile;
    }

    /** The node's name, e.g. {@code zk1}. */
    public String name() {
        return name;
    }
}
