package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One helper container per node, sharing the node's network namespace with {@code NET_ADMIN}, in which
 * {@code iptables} and {@code tc} run; so node images need no tools and nothing runs privileged (like Pumba).
 * A helper is made on first use and kept until {@link #removeAll()}, because creating one costs far more than an
 * exec. A node restarted since its helper was made has a new namespace, so its helper is replaced.
 */
final class NetworkHelpers {

    /** The image helpers run; it has iptables and iproute2. */
    static final String IMAGE = "chaoskeeper/base:bookworm-v1";
    /** Labels every helper carries, so leaks can be found and removed. */
    static final Map<String, String> LABELS = Map.of("io.chaoskeeper", "true", "io.chaoskeeper.role", "fault-helper");

    private static final long EXEC_TIMEOUT_SECONDS = 20;

    private record Helper(String containerId, String targetStartedAt) {
    }

    private final DockerClient docker;
    private final Map<String, Helper> helpers = new ConcurrentHashMap<>();

    NetworkHelpers(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Runs a command in the node's network namespace and returns its output.
     *
     * @throws FaultException when the node is not running, or the command fails or times out
     */
    String exec(ZooKeeperNode node, List<String> command) {
        String helper = helperFor(node);
        try {
            String execId = docker.execCreateCmd(helper).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            boolean finished = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(EXEC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String text = output.toString().trim();
            if (!finished) {
                throw new FaultException(node.name() + ": " + command.get(0) + " did not finish within "
                        + EXEC_TIMEOUT_SECONDS + " s");
            }
            Long exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            if (exit == null || exit != 0) {
                throw new FaultException(node.name() + ": " + command.get(0) + " exited with " + exit + ": "
                        + (text.isEmpty() ? "no output" : text.replace('\n', ' ')));
            }
            return text;
        } catch (DockerException e) {
            throw new FaultException(node.name() + ": could not exec in its network helper: " + firstLine(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException(node.name() + ": interrupted while changing its network");
        }
    }

    /** The helper containers alive now. */
    List<String> helperIds() {
        return helpers.values().stream().map(Helper::containerId).toList();
    }

    /** Runs a command in every helper made so far (e.g. to remove our rules), then removes them all. */
    List<String> removeAll(Map<String, ZooKeeperNode> nodes, List<String> cleanup) {
        List<String> errors = new ArrayList<>();
        for (String name : List.copyOf(helpers.keySet())) {
            Helper helper = helpers.remove(name);
            try {
                if (cleanup != null && nodes.containsKey(name) && isRunning(nodes.get(name), helper)) {
                    helpers.put(name, helper);
                    exec(nodes.get(name), cleanup);
                    helpers.remove(name);
                }
            } catch (FaultException e) {
                errors.add(e.getMessage());
            } finally {
                remove(helper.containerId());
            }
        }
        return errors;
    }

    private String helperFor(ZooKeeperNode node) {
        Helper current = helpers.get(node.name());
        String startedAt = targetStartedAt(node);
        if (current != null && current.targetStartedAt().equals(startedAt)) {
            return current.containerId();
        }
        if (current != null) {
            helpers.remove(node.name());
            remove(current.containerId());
        }
        Helper made = create(node, startedAt);
        helpers.put(node.name(), made);
        return made.containerId();
    }

    private Helper create(ZooKeeperNode node, String startedAt) {
        String id = null;
        try {
            id = docker.createContainerCmd(IMAGE)
                    .withCmd("sleep", "infinity")
                    .withLabels(withTarget(node))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode("container:" + node.containerId())
                            .withCapAdd(Capability.NET_ADMIN))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            return new Helper(id, startedAt);
        } catch (DockerException e) {
            if (id != null) {
                remove(id);
            }
            throw new FaultException(node.name() + ": could not start a network helper from " + IMAGE + ": "
                    + firstLine(e), e);
        }
    }

    private static Map<String, String> withTarget(ZooKeeperNode node) {
        Map<String, String> labels = new java.util.HashMap<>(LABELS);
        labels.put("io.chaoskeeper.target", node.containerId());
        return labels;
    }

    /** When the node's container last started; it must be running, since a stopped one has no network. */
    private String targetStartedAt(ZooKeeperNode node) {
        InspectContainerResponse.ContainerState state;
        try {
            state = docker.inspectContainerCmd(node.containerId()).exec().getState();
        } catch (DockerException e) {
            throw new FaultException(node.name() + ": its container cannot be inspected: " + firstLine(e), e);
        }
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw new FaultException(node.name() + ": its container is not running, so its network cannot change");
        }
        return String.valueOf(state.getStartedAt());
    }

    private boolean isRunning(ZooKeeperNode node, Helper helper) {
        try {
            return targetStartedAt(node).equals(helper.targetStartedAt());
        } catch (FaultException e) {
            return false; // stopped or gone: its namespace, and our rules in it, are gone too
        }
    }

    private void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (DockerException e) {
            // already gone
        }
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).trim();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
