package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.ClockFault;
import io.chaoskeeper.fault.FaultException;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sets a node JVM's clock offset by writing libfaketime's timestamp file inside the node's container (the JVM reads
 * it on every clock call); strobes by rewriting it on a timer.
 */
final class NodeClocks {

    /** Writes the offset given as $1; refuses when the node's processes do not run under libfaketime. */
    private static final String SET_OFFSET = """
            case "$LD_PRELOAD" in
              *faketime*) ;;
              *) echo "its JVM does not run under libfaketime: start the ensemble withClockFaults()"; exit 1 ;;
            esac
            printf '%s\\n' "$1" > "$FAKETIME_TIMESTAMP_FILE"
            """;

    private final DockerClient docker;
    private final ScheduledExecutorService strobes = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaoskeeper-clock-strobe");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> strobing = new ConcurrentHashMap<>();

    NodeClocks(DockerClient docker) {
        this.docker = docker;
    }

    /** Shifts the node's clock, or starts strobing it. */
    void apply(ZooKeeperNode node, ClockFault fault) {
        set(node, fault.offset());
        if (!fault.strobe().isZero()) {
            long period = fault.strobe().toMillis();
            boolean[] shifted = {true};
            strobing.put(node.name(), strobes.scheduleAtFixedRate(() -> {
                shifted[0] = !shifted[0];
                try {
                    set(node, shifted[0] ? fault.offset() : Duration.ZERO);
                } catch (FaultException e) {
                    // the node may be paused or killed by another fault; the next tick or the heal sets it again
                }
            }, period, period, TimeUnit.MILLISECONDS));
        }
    }

    /** Stops strobing and puts the node's clock back. */
    void heal(ZooKeeperNode node) {
        ScheduledFuture<?> strobe = strobing.remove(node.name());
        if (strobe != null) {
            strobe.cancel(false);
        }
        set(node, Duration.ZERO);
    }

    void close() {
        strobes.shutdownNow();
    }

    /** libfaketime's relative offset syntax, e.g. {@code +30.000s} or {@code -1.500s}. */
    static String offset(Duration offset) {
        return String.format(Locale.ROOT, "%+.3fs", offset.toMillis() / 1000.0);
    }

    private void set(ZooKeeperNode node, Duration offset) {
        try {
            String execId = docker.execCreateCmd(node.containerId())
                    .withCmd("sh", "-c", SET_OFFSET, "sh", offset(offset))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            boolean finished = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(20, TimeUnit.SECONDS);
            Long exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            if (!finished || exit == null || exit != 0) {
                throw new FaultException(node.name() + ": could not set its clock: "
                        + (finished ? output.toString().trim() : "no answer within 20 s"));
            }
        } catch (DockerException e) {
            throw new FaultException(node.name() + ": could not set its clock: " + NetworkHelpers.firstLine(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException(node.name() + ": interrupted while setting its clock");
        }
    }

}
