package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.Threads;
import io.chaoskeeper.cluster.internal.clock.ClockSpec;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import io.chaoskeeper.cluster.internal.local.LocalNetwork;
import io.chaoskeeper.cluster.internal.local.ServerProcess;
import io.chaoskeeper.fault.ClockFault;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.Kill;
import io.chaoskeeper.fault.MemberRemoval;
import io.chaoskeeper.fault.PacketFault;
import io.chaoskeeper.fault.Partition;
import io.chaoskeeper.fault.Pause;
import io.chaoskeeper.fault.UnsupportedFaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Applies faults to a local ensemble: partitions and packet delays on its proxies ({@link LocalNetwork}), pause and
 * resume as SIGSTOP and SIGCONT, kill as SIGKILL (a graceful stop as SIGTERM) and restart as a new process on the
 * same data and ports, clock shifts as the file the node's clock agent reads. Packet loss, duplication and
 * reordering have no meaning on a stream proxy: they are {@linkplain #checkSupported unsupported}.
 */
public final class LocalFaultInjector extends AbstractFaultInjector {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LocalBackend local;
    private final Set<String> shiftedClocks = ConcurrentHashMap.newKeySet();

    public LocalFaultInjector(List<ZooKeeperNode> nodes, LocalBackend local) {
        super(nodes, new BoundedSteps(BoundedSteps.configuredBound(), "the local backend"));
        this.local = local;
    }

    @Override
    public void checkSupported(Fault fault) {
        if (fault instanceof MemberRemoval) {
            throw new UnsupportedFaultException("The local backend cannot change the ensemble's membership: its"
                    + " servers reach each other through per-pair proxies, so no server line names one address for"
                    + " all; run this test on Docker (chaoskeeper.backend=docker).");
        }
        if (fault instanceof PacketFault p && (p.lossPercent() > 0 || p.duplicatePercent() > 0
                || p.reorderPercent() > 0)) {
            throw new UnsupportedFaultException("The local backend cannot apply packet loss, duplication or"
                    + " reordering (" + fault.parameters() + "), as its proxies carry streams, not packets: run this"
                    + " test on Docker (chaoskeeper.backend=docker).");
        }
    }

    @Override
    String applyOnNodes(Fault fault, Set<String> mechanisms) {
        checkSupported(fault);
        if (fault instanceof Partition partition) {
            local.network().block(partition.grudge());
            return null;
        }
        if (fault instanceof Pause) {
            return onEach(fault.targets(), server -> server.signal("STOP"));
        }
        if (fault instanceof Kill kill) {
            return onEach(fault.targets(), server -> {
                if (kill.graceful()) {
                    server.stop(STOP_GRACE);
                } else {
                    server.kill();
                }
            });
        }
        if (fault instanceof ClockFault clock) {
            return onEach(fault.targets(), server -> {
                shiftedClocks.add(server.name());
                writeClock(server.name(), ClockFiles.spec(clock));
            });
        }
        PacketFault packets = (PacketFault) fault;
        List<String> toward = packets.toward() == null ? null : packets.toward().names();
        return onEach(fault.targets(), server -> local.network().shape(server.name(), toward, packets.delay(),
                packets.jitter(), packets.rateKbit()));
    }

    @Override
    String healOnNodes(Fault fault) {
        if (fault instanceof MemberRemoval) {
            return null; // never applied here
        }
        if (fault instanceof Partition partition) {
            local.network().unblock(partition.grudge());
            return null;
        }
        if (fault instanceof Pause) {
            return onEach(fault.targets(), server -> {
                if (server.isAlive()) {
                    server.signal("CONT");
                }
            });
        }
        if (fault instanceof Kill) {
            return onEach(fault.targets(), ServerProcess::start);
        }
        if (fault instanceof ClockFault) {
            return onEach(fault.targets(), server -> writeClock(server.name(), ClockSpec.NONE));
        }
        PacketFault packets = (PacketFault) fault;
        List<String> toward = packets.toward() == null ? null : packets.toward().names();
        return onEach(fault.targets(), server -> local.network().shape(server.name(), toward, Duration.ZERO,
                Duration.ZERO, 0));
    }

    @Override
    List<String> healEverything() {
        List<String> errors = new ArrayList<>();
        local.network().healAll();
        add(errors, onEach(nodeNames(), server -> {
            if (server.isAlive()) {
                server.signal("CONT");
            }
        }));
        add(errors, onEach(List.copyOf(shiftedClocks), server -> writeClock(server.name(), ClockSpec.NONE)));
        return errors;
    }

    private static void add(List<String> errors, String error) {
        if (error != null) {
            errors.add(error);
        }
    }

    /** Replaces the clock file in one step, so the agent never reads half a line. */
    private void writeClock(String node, ClockSpec spec) {
        Path file = local.clockFile(node);
        try {
            Path temp = Files.createTempFile(file.getParent(), "clock", ".tmp");
            Files.writeString(temp, spec.format() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FaultException(node + ": its clock file " + file + " cannot be written (" + e.getMessage()
                    + ").", e);
        }
    }

    /** Runs {@code step} on each target's server in parallel; the failures as one sentence, or null. */
    private String onEach(Collection<String> targets, Consumer<ServerProcess> step) {
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (String name : targets) {
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    step.accept(local.server(name));
                    return null;
                } catch (RuntimeException e) {
                    return name + ": " + e.getMessage();
                }
            }, Threads.POOL));
        }
        List<String> errors = results.stream().map(CompletableFuture::join).filter(e -> e != null).toList();
        return errors.isEmpty() ? null : String.join("; ", errors);
    }
}
