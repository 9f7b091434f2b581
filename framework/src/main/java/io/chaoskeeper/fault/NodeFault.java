package io.chaoskeeper.fault;

import java.util.List;
import java.util.Random;

/** A fault that hits a set of nodes, each on its own: its targets are those nodes, and a leader among them binds late. */
sealed interface NodeFault extends Fault permits Pause, Kill, PacketFault, ClockFault, MemberRemoval {

    /** The nodes the fault hits. */
    Targets nodes();

    /** This fault on other nodes. */
    NodeFault withNodes(Targets nodes);

    @Override
    default Fault resolve(List<String> all, Random random) {
        return withNodes(nodes().resolve(all, random));
    }

    @Override
    default Fault withLeader(String leader, List<String> all) {
        return withNodes(nodes().withLeader(leader));
    }

    @Override
    default boolean needsLeader() {
        return nodes().isLeader();
    }

    @Override
    default List<String> targets() {
        return nodes().names();
    }
}
