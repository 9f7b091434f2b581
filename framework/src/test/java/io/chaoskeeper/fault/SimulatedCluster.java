package io.chaoskeeper.fault;

import io.chaoskeeper.cluster.NodeMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster of modes that kills, pauses and isolations change as ZooKeeper's would: a node hit stops serving, and
 * when it led, the serving node that rejoined last (else the lowest id) takes over; a healed node follows. Enough to
 * prove which node a sequence aims at, without an ensemble.
 */
final class SimulatedCluster implements FaultInjector {

    private final Map<String, NodeMode> modes = new TreeMap<>();
    private final List<String> rejoined = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<ActiveFault> active = new CopyOnWriteArrayList<>();
    final List<String> prepared = new CopyOnWriteArrayList<>();

    SimulatedCluster(int size, int leader) {
        for (int i = 1; i <= size; i++) {
            modes.put("zk" + i, i == leader ? NodeMode.LEADER : NodeMode.FOLLOWER);
        }
    }

    synchronized Map<String, NodeMode> modes() {
        return Map.copyOf(modes);
    }

    @Override
    public void prepare(java.util.Collection<? extends Fault> faults) {
        faults.forEach(fault -> prepared.add(fault.kind()));
    }

    @Override
    public synchronized ActiveFault apply(Fault fault) {
        String node = fault.targets().size() == 1 ? fault.targets().get(0)
                : ((Partition) fault).grudge().entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
        log.add(fault.kind() + " " + node);
        boolean wasLeader = modes.put(node, NodeMode.NOT_SERVING) == NodeMode.LEADER;
        if (wasLeader) {
            elect();
        }
        ActiveFault handle = new ActiveFault() {
            public Fault fault() {
                return fault;
            }

            public List<String> targets() {
                return fault.targets();
            }

            public Map<String, Object> parameters() {
                return Map.of();
            }

            public Optional<String> applyError() {
                return Optional.empty();
            }

            public void heal() {
                synchronized (SimulatedCluster.this) {
                    if (active.remove(this)) {
                        log.add("heal " + node);
                        modes.put(node, NodeMode.FOLLOWER);
                        rejoined.add(node);
                        if (!modes.containsValue(NodeMode.LEADER)) {
                            elect();
                        }
                    }
                }
            }
        };
        active.add(handle);
        return handle;
    }

    private void elect() {
        for (int i = rejoined.size() - 1; i >= 0; i--) {
            if (modes.get(rejoined.get(i)) == NodeMode.FOLLOWER) {
                modes.put(rejoined.get(i), NodeMode.LEADER);
                return;
            }
        }
        modes.keySet().stream().filter(n -> modes.get(n) == NodeMode.FOLLOWER).findFirst()
                .ifPresent(n -> modes.put(n, NodeMode.LEADER));
    }

    @Override
    public List<ActiveFault> active() {
        return List.copyOf(active);
    }

    @Override
    public void healAll() {
        List.copyOf(active).forEach(ActiveFault::heal);
    }

    @Override
    public void close() {
        healAll();
    }
}
