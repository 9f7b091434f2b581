package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.NodeImages;
import io.chaoskeeper.cluster.internal.Ownership;
import io.chaoskeeper.fault.FaultException;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One helper container per node, sharing the node's network namespace with {@code NET_ADMIN}, in which
 * {@code iptables}, {@code tc} and the packet shaper run; so node images need no tools and nothing runs privileged (like Pumba).
 *
 * <p>A helper runs {@link Commands#AGENT}, which takes requests on its attached standard input: a request costs a
 * few milliseconds, where a {@code docker exec} costs a hundred. A helper is made on first use and kept until
 * {@link #removeAll}; a node restarted since its helper was made has a new namespace, so its helper is replaced.
 */
final class NetworkHelpers {

    /** The image helpers run; it has iptables, iproute2, and Python with libnetfilter_queue for the shaper. */
    static final String IMAGE = NodeImages.BASE;
    /** Marks helper containers, beside the ensemble's ownership labels (so a dead JVM's helpers are swept too). */
    static final String ROLE = "io.chaoskeeper.role";
    /** Names the node container a helper serves. */
    static final String TARGET = "io.chaoskeeper.target";

    private static final long TIMEOUT_SECONDS = 20;
    /** The packet shaper as a one-file archive, copied into each helper before it starts. */
    private static final byte[] SHAPER_TAR = shaperArchive();

    private final DockerClient docker;
    private final BoundedSteps steps;
    private final Map<String, Helper> helpers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    NetworkHelpers(DockerClient docker, BoundedSteps steps) {
        this.docker = docker;
        this.steps = steps;
    }

    /**
     * Runs a request in the node's network namespace and returns its output.
     *
     * @throws FaultException when the node is not running, or the request fails or times out
     */
    String run(ZooKeeperNode node, String verb, List<String> args) {
        return helperFor(node).request(node, verb, args);
    }

    /**
     * Runs a request that undoes rules, unless the node's container has stopped meanwhile (a kill during a
     * partition): its network namespace, and our rules in it, went with it, and a restart makes a fresh one.
     */
    String undo(ZooKeeperNode node, String verb, List<String> args) {
        if (!running(node)) {
            return null;
        }
        return run(node, verb, args);
    }

    /** Makes the helper of every one of these nodes now, in parallel and each within the step bound; the failures. */
    List<String> prepare(Map<String, ZooKeeperNode> nodes) {
        return steps.onEach(nodes, this::helperFor);
    }

    /**
     * Runs the cleanup request in every helper whose node still runs, then removes them all, in parallel and each
     * within the step bound; returns the failures.
     */
    List<String> removeAll(Map<String, ZooKeeperNode> nodes) {
        Map<String, Helper> taken = new java.util.LinkedHashMap<>();
        for (String name : List.copyOf(helpers.keySet())) {
            taken.put(name, helpers.remove(name));
        }
        Map<String, String> names = new java.util.LinkedHashMap<>();
        taken.keySet().forEach(name -> names.put(name, name));
        return steps.onEach(names, name -> {
            Helper helper = taken.get(name);
            ZooKeeperNode node = nodes.get(name);
            try {
                if (node != null && helper.targetStartedAt.equals(startedAtOrNull(node))) {
                    helper.request(node, Commands.CLEANUP, List.of());
                }
            } finally {
                helper.close();
            }
        });
    }

    /** Locked per node, so that the helpers of several nodes start at once. */
    private Helper helperFor(ZooKeeperNode node) {
        synchronized (locks.computeIfAbsent(node.name(), name -> new Object())) {
            return currentHelperFor(node);
        }
    }

    private Helper currentHelperFor(ZooKeeperNode node) {
        Helper current = helpers.get(node.name());
        String startedAt = startedAt(node);
        if (current != null && current.targetStartedAt.equals(startedAt)) {
            return current;
        }
        if (current != null) {
            helpers.remove(node.name()).close();
        }
        Helper made = new Helper(node, startedAt);
        helpers.put(node.name(), made);
        return made;
    }

    /** When the node's container last started; it must be running, since a stopped one has no network. */
    private String startedAt(ZooKeeperNode node) {
        InspectContainerResponse.ContainerState state = state(node);
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw new FaultException(node.name() + ": its container is not running, so its network cannot change");
        }
        return String.valueOf(state.getStartedAt());
    }

    private boolean running(ZooKeeperNode node) {
        return Boolean.TRUE.equals(state(node).getRunning());
    }

    private InspectContainerResponse.ContainerState state(ZooKeeperNode node) {
        try {
            return docker.inspectContainerCmd(node.containerId()).exec().getState();
        } catch (RuntimeException e) { // DockerException, or an I/O error the transport wrapped
            throw new FaultException(node.name() + ": its container cannot be inspected: " + firstLine(e), e);
        }
    }

    private String startedAtOrNull(ZooKeeperNode node) {
        try {
            return startedAt(node);
        } catch (FaultException e) {
            return null; // stopped or gone: its namespace, and our rules in it, are gone too
        }
    }

    private String ensembleOf(ZooKeeperNode node) {
        Map<String, String> labels = docker.inspectContainerCmd(node.containerId()).exec().getConfig().getLabels();
        return labels == null ? "none" : labels.getOrDefault(Ownership.ENSEMBLE, "none");
    }

    private static byte[] shaperArchive() {
        try (InputStream script = NetworkHelpers.class.getResourceAsStream("shaper.py")) {
            if (script == null) {
                throw new IllegalStateException("shaper.py is missing from the framework jar");
            }
            return OneFileTar.of(Commands.SHAPER_PATH.substring(1), script.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shaper.py from the framework jar", e);
        }
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).trim();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A running helper container and the agent attached to it. */
    private final class Helper {
        private final String containerId;
        private final String targetStartedAt;
        private final OutputStream requests;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private Closeable attachment;
        private long nextSeq;

        Helper(ZooKeeperNode node, String targetStartedAt) {
            this.targetStartedAt = targetStartedAt;
            Map<String, String> labels = new HashMap<>(Ownership.labels(ensembleOf(node)));
            labels.put(ROLE, "fault-helper");
            labels.put(TARGET, node.containerId());
            String id = null;
            try {
                id = docker.createContainerCmd(IMAGE)
                        .withCmd("sh", "-c", Commands.AGENT)
                        .withLabels(labels)
                        .withStdinOpen(true).withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                        .withHostConfig(HostConfig.newHostConfig()
                                .withNetworkMode("container:" + node.containerId())
                                .withCapAdd(Capability.NET_ADMIN)
                                .withInit(true)) // reaps the packet shaper once it ends
                        .exec().getId();
                docker.copyArchiveToContainerCmd(id).withRemotePath("/")
                        .withTarInputStream(new ByteArrayInputStream(SHAPER_TAR)).exec();
                docker.startContainerCmd(id).exec();
                Pipe pipe = Pipe.open();
                requests = Channels.newOutputStream(pipe.sink());
                attachment = docker.attachContainerCmd(id).withStdIn(Channels.newInputStream(pipe.source()))
                        .withStdOut(true).withStdErr(true).withFollowStream(true)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                collect(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        });
                containerId = id;
            } catch (RuntimeException | IOException e) {
                if (id != null) {
                    remove(id);
                }
                throw new FaultException(node.name() + ": could not start a network helper from " + IMAGE + ": "
                        + firstLine(e), e);
            }
        }

        private void collect(String text) {
            synchronized (partial) {
                partial.append(text);
                for (int newline; (newline = partial.indexOf("\n")) >= 0; partial.delete(0, newline + 1)) {
                    answers.add(partial.substring(0, newline));
                }
            }
        }

        synchronized String request(ZooKeeperNode node, String verb, List<String> args) {
            long seq = nextSeq++;
            String line = seq + " " + verb + (args.isEmpty() ? "" : " " + String.join(" ", args)) + "\n";
            try {
                requests.write(line.getBytes(StandardCharsets.UTF_8));
                requests.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (true) {
                    String answer = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (answer == null) {
                        throw new FaultException(node.name() + ": its network helper did not answer " + verb
                                + " within " + TIMEOUT_SECONDS + " s");
                    }
                    String[] parts = answer.split(" ", 3);
                    if (parts.length >= 2 && parts[0].equals(Long.toString(seq))) {
                        String output = parts.length == 3 ? parts[2].trim() : "";
                        if (!parts[1].equals("0")) {
                            throw new FaultException(node.name() + ": " + verb + " failed (exit " + parts[1] + "): "
                                    + (output.isEmpty() ? "no output" : output));
                        }
                        return output;
                    }
                }
            } catch (IOException e) {
                throw new FaultException(node.name() + ": its network helper is gone: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaultException(node.name() + ": interrupted while changing its network");
            }
        }

        void close() {
            try {
                requests.close();
                attachment.close();
            } catch (IOException | RuntimeException e) {
                // the container goes below anyway
            }
            remove(containerId);
        }
    }

    private void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (RuntimeException e) {
            // already gone, or the engine fails: the sweep of leftovers removes it with the ensemble
        }
    }
}
