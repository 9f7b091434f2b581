package io.chaoskeeper.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Moves the targets' wall clocks by an offset, once (a shift) or back and forth every period (a strobe), until
 * healed. Containers share the host kernel's clock, so this works per process through libfaketime: the ensemble must
 * start its JVMs under it ({@code ZooKeeperEnsemble#withClockFaults()}); otherwise applying fails and says so. The
 * monotonic clock ({@link System#nanoTime()}) is left true.
 *
 * @param nodes  the nodes whose clocks move
 * @param offset how far, ahead (positive) or behind (negative)
 * @param strobe zero for a steady shift; otherwise the clock jumps between true and shifted every {@code strobe}
 */
public record ClockFault(Targets nodes, Duration offset, Duration strobe) implements Fault {

    public ClockFault {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(offset, "offset");
        strobe = strobe == null ? Duration.ZERO : strobe;
        if (strobe.isNegative() || (!strobe.isZero() && strobe.toSeconds() < 1)) {
            throw new IllegalArgumentException("a strobe period must be at least 1 s (libfaketime reads the offset once a second), was " + strobe);
        }
    }

    @Override
    public String kind() {
        return "clock";
    }

    @Override
    public ClockFault resolve(List<String> all, Random random) {
        return new ClockFault(nodes.resolve(all, random), offset, strobe);
    }

    @Override
    public ClockFault withLeader(String leader, List<String> all) {
        return new ClockFault(nodes.withLeader(leader), offset, strobe);
    }

    @Override
    public boolean needsLeader() {
        return nodes.isLeader();
    }

    @Override
    public List<String> targets() {
        return nodes.names();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodes", nodes.toString());
        p.put("offsetMs", offset.toMillis());
        p.put("strobeMs", strobe.toMillis());
        return p;
    }
}
