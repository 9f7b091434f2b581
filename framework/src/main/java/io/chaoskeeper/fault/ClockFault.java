package io.chaoskeeper.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Shifts the clock the targets' ZooKeeper reads, steadily or as a strobe that alternates between the shift and the
 * true time every period (Jepsen's clock strobe), until healed. Build one with {@link Faults#clockShift} or
 * {@link Faults#clockStrobe}.
 *
 * <p>Containers share the kernel's clock, so the shift is made inside the server's JVM: the node image's clock agent
 * shifts both clocks ZooKeeper reads. The wall clock (transaction times, so znodes' {@code ctime} and
 * {@code mtime}) takes the shift as it is, back and forth, like a skewed host clock. The elapsed clock (session and
 * connection expiry, the leader's ticks) is monotonic, so it only ever leaps ahead: it takes the largest forward
 * shift so far and keeps it, through heals and a strobe's true phases (stepping it back would stall ZooKeeper's
 * deadline loops for the step's length, which no real clock does). A leader whose elapsed clock leaps ahead by more
 * than the session timeout expires its sessions. The shift takes effect within 50 ms of being applied,
 * and lasts across a restart of the node (like a skewed host clock) until healed. A node started from a user's own
 * image without the agent cannot take a clock fault: applying one fails.
 *
 * @param nodes        the nodes whose clock is shifted
 * @param shift        added to the nodes' clocks, in whole milliseconds; negative moves them back
 * @param strobePeriod how long each phase of a strobe lasts, starting with the shift; null for a steady shift
 */
public record ClockFault(Targets nodes, Duration shift, Duration strobePeriod) implements NodeFault {

    public ClockFault {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(shift, "shift");
        if (shift.isZero()) {
            throw new IllegalArgumentException("a clock shift of zero changes nothing: give a non-zero shift");
        }
        wholeMillis(shift, "clock shift");
        if (strobePeriod != null) {
            if (strobePeriod.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("a strobe period must be at least 1 ms, was " + strobePeriod);
            }
            wholeMillis(strobePeriod, "strobe period");
        }
    }

    private static void wholeMillis(Duration duration, String what) {
        try {
            if (Duration.ofMillis(duration.toMillis()).equals(duration)) {
                return;
            }
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException("a " + what + " of " + duration + " does not fit in milliseconds");
        }
        throw new IllegalArgumentException("a " + what + " must be whole milliseconds, was " + duration);
    }

    /** True when the clock alternates between the shift and the true time. */
    public boolean isStrobe() {
        return strobePeriod != null;
    }

    @Override
    public String kind() {
        return "clock";
    }

    @Override
    public ClockFault withNodes(Targets nodes) {
        return new ClockFault(nodes, shift, strobePeriod);
    }

    @Override
    public ClockFault resolve(List<String> all, Random random) {
        return withNodes(nodes.resolve(all, random)); // a ClockFault, for callers that read its shift
    }

    @Override
    public ClockFault withLeader(String leader, List<String> all) {
        return withNodes(nodes.withLeader(leader));
    }

    /** {@code nodes}, {@code shiftMs} and, for a strobe, {@code strobePeriodMs}. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodes", nodes.toString());
        p.put("shiftMs", shift.toMillis());
        if (isStrobe()) {
            p.put("strobePeriodMs", strobePeriod.toMillis());
        }
        return p;
    }
}
