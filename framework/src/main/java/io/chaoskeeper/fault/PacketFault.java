package io.chaoskeeper.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Degrades the packets the targets send: delay with jitter, loss, duplication, reordering, and a rate limit; either
 * all their traffic or only the traffic toward some peers. It is {@code tc netem} on the node's interface; on a
 * kernel built without {@code sch_netem}, delay, loss, duplication and reordering are done by a user-space shaper fed
 * through an iptables {@code NFQUEUE} instead (the rate limit stays a {@code tc} token bucket), and the fault's event
 * names the mechanism used.
 * Build one with {@link Faults#delay}, {@link Faults#loss} or {@link Faults#rateLimit} and refine it with the
 * {@code withX} methods.
 *
 * @param nodes            the nodes whose outgoing packets suffer
 * @param delay            added latency, or zero
 * @param jitter           random variation of the delay, or zero
 * @param lossPercent      share of packets dropped, 0 to 100
 * @param duplicatePercent share of packets sent twice, 0 to 100
 * @param reorderPercent   share of packets sent at once, ahead of delayed ones (needs a delay), 0 to 100
 * @param rateKbit         bandwidth cap in kbit/s, or 0 for none
 * @param toward           only packets to these peers suffer, or null for all packets
 */
public record PacketFault(Targets nodes, Duration delay, Duration jitter, double lossPercent, double duplicatePercent,
                          double reorderPercent, long rateKbit, Targets toward) implements NodeFault {

    public PacketFault {
        Objects.requireNonNull(nodes, "nodes");
        delay = delay == null ? Duration.ZERO : delay;
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (delay.isNegative() || jitter.isNegative() || rateKbit < 0) {
            throw new IllegalArgumentException("delay, jitter and rate cannot be negative");
        }
        for (double percent : new double[] {lossPercent, duplicatePercent, reorderPercent}) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a percentage must be within 0 and 100, was " + percent);
            }
        }
        if (reorderPercent > 0 && delay.isZero()) {
            throw new IllegalArgumentException("reordering needs a delay (netem sends reordered packets at once)");
        }
    }

    /** With this delay and jitter. */
    public PacketFault withDelay(Duration delay, Duration jitter) {
        return new PacketFault(nodes, delay, jitter, lossPercent, duplicatePercent, reorderPercent, rateKbit, toward);
    }

    /** With this share of packets lost. */
    public PacketFault withLoss(double percent) {
        return new PacketFault(nodes, delay, jitter, percent, duplicatePercent, reorderPercent, rateKbit, toward);
    }

    /** With this share of packets duplicated. */
    public PacketFault withDuplicate(double percent) {
        return new PacketFault(nodes, delay, jitter, lossPercent, percent, reorderPercent, rateKbit, toward);
    }

    /** With this share of packets reordered (overtaking the delayed ones). */
    public PacketFault withReorder(double percent) {
        return new PacketFault(nodes, delay, jitter, lossPercent, duplicatePercent, percent, rateKbit, toward);
    }

    /** With a bandwidth cap in kbit/s. */
    public PacketFault withRate(long kbit) {
        return new PacketFault(nodes, delay, jitter, lossPercent, duplicatePercent, reorderPercent, kbit, toward);
    }

    /** Only the packets toward these peers suffer; the rest of the node's traffic flows normally. */
    public PacketFault toward(Targets peers) {
        return new PacketFault(nodes, delay, jitter, lossPercent, duplicatePercent, reorderPercent, rateKbit, peers);
    }

    /** True when only the rate is limited, which needs no netem (a token bucket does it). */
    public boolean isRateOnly() {
        return delay.isZero() && lossPercent == 0 && duplicatePercent == 0 && rateKbit > 0;
    }

    /** This fault's rate limit alone, with no delay, loss, duplication or reordering. */
    public PacketFault rateOnly() {
        return new PacketFault(nodes, Duration.ZERO, Duration.ZERO, 0, 0, 0, rateKbit, toward);
    }

    @Override
    public String kind() {
        return "netem";
    }

    @Override
    public PacketFault withNodes(Targets nodes) {
        return new PacketFault(nodes, delay, jitter, lossPercent, duplicatePercent, reorderPercent, rateKbit, toward);
    }

    @Override
    public PacketFault resolve(List<String> all, Random random) {
        return new PacketFault(nodes.resolve(all, random), delay, jitter, lossPercent, duplicatePercent,
                reorderPercent, rateKbit, toward == null ? null : toward.resolve(all, random));
    }

    @Override
    public PacketFault withLeader(String leader, List<String> all) {
        return new PacketFault(nodes.withLeader(leader), delay, jitter, lossPercent, duplicatePercent,
                reorderPercent, rateKbit, toward == null ? null : toward.withLeader(leader));
    }

    @Override
    public boolean needsLeader() {
        return nodes.isLeader() || (toward != null && toward.isLeader());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodes", nodes.toString());
        p.put("delayMs", delay.toMillis());
        p.put("jitterMs", jitter.toMillis());
        p.put("lossPercent", lossPercent);
        p.put("duplicatePercent", duplicatePercent);
        p.put("reorderPercent", reorderPercent);
        p.put("rateKbit", rateKbit);
        p.put("toward", toward == null ? "all" : toward.toString());
        return p;
    }
}
