package io.chaoskeeper.fault;

import java.util.List;

/** A fault that hits a set of nodes, each on its own: its targets are those nodes, and a leader among them binds late. */
sealed interface NodeFault extends Fault permits Pause, Kill, PacketFault, ClockFault, MemberRemoval {

    /** The nodes the fault hits. */
    Targets nodes();

    @Override
    default boolean needsLeader() {
        return nodes().isLeader();
    }

    @Override
    default List<String> targets() {
        return nodes().names();
    }
}
