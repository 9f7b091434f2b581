package io.chaoskeeper.fault.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultException;
import io.chaoskeeper.fault.PacketFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies packet faults on one node: {@code tc netem} where the kernel has it, else the user-space shaper that our
 * NFQUEUE rules feed (many CI kernels are built without {@code sch_netem}). The system property
 * {@value #PROPERTY} chooses: {@code auto} (the default: netem, and the shaper once netem proves missing),
 * {@code netem} or {@code nfqueue}.
 */
final class PacketShaping {

    static final String PROPERTY = "chaoskeeper.packetFaults";

    private static final Logger LOG = LoggerFactory.getLogger(PacketShaping.class);
    /** What {@code tc} says when the kernel has no such qdisc. */
    private static final String UNKNOWN_QDISC = "qdisc kind is unknown";

    private final NetworkHelpers helpers;
    private final String mode;
    private final AtomicBoolean netemMissing = new AtomicBoolean();

    PacketShaping(NetworkHelpers helpers, String mode) {
        this.helpers = helpers;
        this.mode = mode.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "netem", "nfqueue").contains(this.mode)) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, netem or nfqueue, was '" + mode + "'");
        }
    }

    /** The mode the system property asks for. */
    static PacketShaping fromSystemProperty(NetworkHelpers helpers) {
        return new PacketShaping(helpers, System.getProperty(PROPERTY, "auto"));
    }

    /**
     * Shapes the packets {@code node} sends toward {@code peers} (all when empty) and returns the mechanism used:
     * {@code tbf} or {@code htb} for a rate limit alone, {@code netem}, or {@code nfqueue}.
     */
    String apply(ZooKeeperNode node, PacketFault fault, List<String> peers) {
        if (fault.isRateOnly()) {
            tc(node, fault, peers);
            return peers.isEmpty() ? "tbf" : "htb";
        }
        if (!useShaper()) {
            try {
                tc(node, fault, peers);
                return "netem";
            } catch (FaultException e) {
                if (!String.valueOf(e.getMessage()).contains(UNKNOWN_QDISC)) {
                    throw e;
                }
                if (mode.equals("netem")) {
                    throw new FaultException(node.name() + ": this kernel has no sch_netem (tc: 'Specified qdisc kind"
                            + " is unknown'); set -D" + PROPERTY + "=auto to use the user-space shaper instead", e);
                }
                if (netemMissing.compareAndSet(false, true)) {
                    LOG.info("This kernel has no sch_netem: delay, loss, duplication and reordering go through the"
                            + " user-space NFQUEUE shaper instead");
                }
                heal(node); // an htb root may have gone in before the netem qdisc failed
            }
        }
        if (fault.rateKbit() > 0) {
            tc(node, fault.rateOnly(), peers);
        }
        helpers.run(node, Commands.QUEUE, Commands.queue(fault, peers));
        return "nfqueue";
    }

    /** Removes whatever shapes the node's packets; idempotent. */
    void heal(ZooKeeperNode node) {
        helpers.run(node, Commands.UNSHAPE, List.of());
    }

    private boolean useShaper() {
        return mode.equals("nfqueue") || (mode.equals("auto") && netemMissing.get());
    }

    private void tc(ZooKeeperNode node, PacketFault fault, List<String> peers) {
        Commands.shape(fault, peers).forEach(command -> helpers.run(node, Commands.TC, command));
    }
}
