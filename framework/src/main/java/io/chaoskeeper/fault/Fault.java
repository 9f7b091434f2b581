package io.chaoskeeper.fault;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fault to inject, as a value: a partition, a pause, a kill, a packet fault, a clock shift. Build them with
 * {@link Faults};
 * apply them with a {@link FaultInjector} or let a {@link FaultSchedule} do it.
 */
public sealed interface Fault permits Partition, NodeFault {

    /** The kind recorded in the history, e.g. {@code partition}, {@code pause}, {@code kill}, {@code netem}, {@code clock}. */
    String kind();

    /**
     * This fault with its random choices made (which nodes, which halves) from {@code random}, which it consumes the
     * same way for the same number of nodes. Only a leader target stays open until the fault is applied.
     *
     * @param nodes the ensemble's node names, in ensemble order
     */
    Fault resolve(List<String> nodes, Random random);

    /** This fault with a leader target bound to the node that leads now, among the ensemble's {@code nodes}. */
    Fault withLeader(String leader, List<String> nodes);

    /** True when the fault targets the leader, so it needs {@link #withLeader(String, List)} before it applies. */
    boolean needsLeader();

    /** The nodes this fault hits (once resolved). */
    List<String> targets();

    /** The fault's parameters as JSON-like values, recorded in its {@link FaultEvent}. */
    Map<String, Object> parameters();
}
