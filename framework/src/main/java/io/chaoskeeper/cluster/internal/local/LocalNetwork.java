package io.chaoskeeper.cluster.internal.local;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The loopback network of a local ensemble: a {@link Proxy} per directed node pair for the quorum port and one for
 * the election port (node i's {@code zoo.cfg} names node j at the ports of pair i→j), and one in front of each
 * node's client port. Partitions are grudges, counted per directed flow so that overlapping faults heal
 * independently: a pair blocked both ways is cut (live connections closed, new ones refused), a pair blocked one
 * way stalls that direction only.
 */
public final class LocalNetwork implements Closeable {

    /** In a grudge, the test's client traffic (as {@code io.chaoskeeper.fault.Partition.CLIENTS}). */
    public static final String CLIENTS = "clients";

    private final int size;
    private final ProxyLoop loop;
    private final Proxy[][] quorum;
    private final Proxy[][] election;
    private final Proxy[] clients;
    private final Map<String, Integer> blocked = new HashMap<>();

    /** Opens the proxies in front of nodes 1..n, whose real ports are at index id - 1. */
    public LocalNetwork(String name, int[] quorumPorts, int[] electionPorts, int[] clientPorts) throws IOException {
        size = clientPorts.length;
        loop = new ProxyLoop("chaoskeeper-proxy-" + name);
        quorum = new Proxy[size + 1][size + 1];
        election = new Proxy[size + 1][size + 1];
        clients = new Proxy[size + 1];
        try {
            for (int from = 1; from <= size; from++) {
                clients[from] = open(clientPorts[from - 1]);
                for (int to = 1; to <= size; to++) {
                    if (from != to) {
                        int caller = from;
                        int callee = to;
                        quorum[from][to] = open(quorumPorts[to - 1]);
                        election[from][to] = new Proxy(loop, electionPorts[to - 1],
                                () -> new ElectionGreeting(election[callee][caller].port()));
                        election[from][to].open();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Proxy open(int target) throws IOException {
        Proxy proxy = new Proxy(loop, target, UnaryOperator::identity);
        proxy.open();
        return proxy;
    }

    /** The port at which node {@code from} reaches node {@code to}'s quorum port. */
    public int quorumPort(int from, int to) {
        return quorum[from][to].port();
    }

    /** The port at which node {@code from} reaches node {@code to}'s election port. */
    public int electionPort(int from, int to) {
        return election[from][to].port();
    }

    /** The port at which the test's clients reach node {@code id}. */
    public int clientPort(int id) {
        return clients[id].port();
    }

    /**
     * Adds a grudge: each receiver (a node name {@code zkN}) no longer gets what the named senders (node names or
     * {@link #CLIENTS}) send it. In effect when this returns.
     */
    public void block(Map<String, List<String>> grudge) {
        change(grudge, 1);
    }

    /** Removes a grudge added by {@link #block}; flows other grudges still block stay blocked. */
    public void unblock(Map<String, List<String>> grudge) {
        change(grudge, -1);
    }

    private void change(Map<String, List<String>> grudge, int delta) {
        grudge.forEach((receiver, senders) -> senders.forEach(sender -> id(sender)));
        grudge.keySet().forEach(LocalNetwork::id);
        loop.run(() -> {
            grudge.forEach((receiver, senders) -> senders.forEach(sender ->
                    blocked.merge(sender + ">" + receiver, delta, (a, b) -> a + b == 0 ? null : a + b)));
            apply();
        });
    }

    private boolean isBlocked(String sender, int receiver) {
        return blocked.containsKey(sender + ">zk" + receiver);
    }

    private void apply() {
        for (int from = 1; from <= size; from++) {
            clients[from].setCut(isBlocked(CLIENTS, from));
            for (int to = 1; to <= size; to++) {
                if (from != to) {
                    boolean up = isBlocked("zk" + from, to);
                    boolean down = isBlocked("zk" + to, from);
                    for (Proxy proxy : List.of(quorum[from][to], election[from][to])) {
                        proxy.setCut(up && down);
                        proxy.up.stalled = up && !down;
                        proxy.down.stalled = down && !up;
                        proxy.refresh();
                    }
                }
            }
        }
    }

    /**
     * Delays and limits what node {@code sender} sends: to the peers named (all peers and its answers to clients
     * when {@code toward} is null). Zero values lift the shaping.
     */
    public void shape(String sender, List<String> toward, Duration delay, Duration jitter, long rateKbit) {
        int from = id(sender);
        List<Integer> peers = toward == null ? null : toward.stream().map(LocalNetwork::id).toList();
        loop.run(() -> {
            Consumer<Shaping> set = s -> {
                s.delayNanos = delay.toNanos();
                s.jitterNanos = jitter.toNanos();
                s.rateKbit = rateKbit;
            };
            for (int to = 1; to <= size; to++) {
                if (to != from && (peers == null || peers.contains(to))) {
                    set.accept(quorum[from][to].up);
                    set.accept(election[from][to].up);
                    set.accept(quorum[to][from].down);
                    set.accept(election[to][from].down);
                }
            }
            if (peers == null) {
                set.accept(clients[from].down);
            }
        });
    }

    /** Lifts every grudge and all shaping. */
    public void healAll() {
        loop.run(() -> {
            blocked.clear();
            forEachProxy(p -> {
                p.up.clearPacketFaults();
                p.down.clearPacketFaults();
            });
            apply();
        });
    }

    private void forEachProxy(Consumer<Proxy> action) {
        for (int from = 1; from <= size; from++) {
            if (clients[from] != null) {
                action.accept(clients[from]);
            }
            for (int to = 1; to <= size; to++) {
                if (quorum[from][to] != null) {
                    action.accept(quorum[from][to]);
                }
                if (election[from][to] != null) {
                    action.accept(election[from][to]);
                }
            }
        }
    }

    /** {@code zkN} to N, checked against the ensemble's size; the client marker is 0. */
    private static int id(String name) {
        if (CLIENTS.equals(name)) {
            return 0;
        }
        if (name == null || !name.matches("zk[1-9]")) {
            throw new IllegalArgumentException(name + ": no such node in the local ensemble");
        }
        return Integer.parseInt(name.substring(2));
    }

    @Override
    public void close() {
        loop.run(() -> forEachProxy(Proxy::close));
        loop.close();
    }
}
