package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of an ensemble's containers, kept as {@code zkN.log} in its log directory: followed while a node runs,
 * rewritten from the engine's complete record when the ensemble closes. A spare's containers have no directory until
 * an ensemble takes them ({@link DockerSpares}); until then nothing is kept.
 */
final class ContainerLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLogs.class);

    private final DockerClient docker;
    private final Map<Integer, Closeable> followers = new ConcurrentHashMap<>();
    private volatile Path directory;

    ContainerLogs(DockerClient docker, Path directory) {
        this.docker = docker;
        this.directory = directory;
    }

    /** Where the logs go from now on: the directory of the ensemble that took these containers. */
    void directory(Path logs) {
        directory = logs;
    }

    /** The file node {@code id}'s output is kept in. */
    Path file(int id) {
        return directory.resolve("zk" + id + ".log");
    }

    /**
     * Appends a node's output to its log file while it runs (from {@code since}, epoch seconds; 0 for all), so a
     * JVM that dies before the ensemble closes still leaves the logs. The close rewrites the file from the engine's
     * complete record, which also covers restarts made behind our back.
     */
    void follow(int id, String containerId, int since) {
        try {
            Files.createDirectories(directory);
            OutputStream out = Files.newOutputStream(file(id), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            try {
                closeQuietly(followers.put(id, copy(containerId, since, true, out)));
            } catch (RuntimeException e) {
                closeQuietly(out);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot follow the output of zk{} into {}: {}", id, file(id), e.toString());
        }
    }

    void stopFollowing() {
        followers.values().forEach(ContainerLogs::closeQuietly);
        followers.clear();
    }

    /** Saves node {@code id}'s whole output to its file, if these logs have a directory; never throws. */
    void save(int id, String containerId) {
        if (directory == null) {
            return; // a spare never handed out has nothing to keep
        }
        Path file = file(id);
        try {
            save(containerId, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the log of zk{} to {}: {}", id, file, e.toString());
        }
    }

    /** Writes a container's whole output (all its runs, across restarts) to {@code file}, replacing it. */
    void save(String containerId, Path file) throws IOException {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file);
            try {
                copy(containerId, 0, false, out).awaitCompletion(30, TimeUnit.SECONDS);
            } finally {
                closeQuietly(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving a container's log to " + file, e);
        }
    }

    /** A container's output so far, as text. */
    String output(String containerId) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(containerId, 0, false, out).awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Copies a container's stdout and stderr into {@code out}, which is closed when the copy ends. */
    private ResultCallback.Adapter<Frame> copy(String containerId, int since, boolean follow, OutputStream out) {
        return docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(follow)
                .withSince(since)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        try {
                            out.write(frame.getPayload());
                            out.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            out.close();
                        }
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        closeQuietly(out);
                    }
                });
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort: the log is rewritten at close
            }
        }
    }
}
