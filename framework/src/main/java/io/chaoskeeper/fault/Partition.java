package io.chaoskeeper.fault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A network partition, realised as a grudge: each node drops the packets it receives from the nodes it holds a
 * grudge against. Client traffic from the test (which reaches nodes through published ports, from the Docker
 * network's gateway) is dropped only where a grudge names {@link #CLIENTS}, as {@link Faults#cutClients} does.
 *
 * @param shape  how the grudge is drawn
 * @param side   {@link Shape#ISOLATE}: the isolated nodes; {@link Shape#ONE_WAY}: the senders whose packets are lost
 * @param other  {@link Shape#ONE_WAY}: the receivers that lose them; otherwise {@link Targets#all()}
 * @param grudge node name to the names of the nodes it drops packets from; empty until resolved
 */
public record Partition(Shape shape, Targets side, Targets other, Map<String, List<String>> grudge) implements Fault {

    /** In a grudge, the test's client traffic: the node drops what reaches it through its published port. */
    public static final String CLIENTS = "clients";

    /** How a partition's grudge is drawn. */
    public enum Shape {
        /** The side is cut off from every other node, both ways. */
        ISOLATE,
        /** The nodes are shuffled and split into a minority and a majority. */
        HALVES,
        /** The nodes are shuffled into a ring; each sees only the majority of nodes nearest to it. */
        MAJORITIES_RING,
        /** Two halves that cannot see each other, and one node in the middle that sees both. */
        BRIDGE,
        /** Packets from the side to the other nodes are dropped; the reverse direction still flows. */
        ONE_WAY,
        /** An explicit grudge. */
        GRUDGE,
        /** The side drops the test's client traffic; the nodes still see each other. */
        CLIENTS
    }

    public Partition {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(other, "other");
        grudge = normalize(grudge);
    }

    @Override
    public String kind() {
        return "partition";
    }

    @Override
    public Partition resolve(List<String> nodes, Random random) {
        if (!grudge.isEmpty() && shape != Shape.GRUDGE) {
            return this; // already drawn: resolving again must not reshuffle
        }
        return switch (shape) {
            case ISOLATE -> isolate(side.resolve(nodes, random), nodes);
            case ONE_WAY -> oneWay(side.resolve(nodes, random), other.resolve(nodes, random));
            case HALVES -> halves(shuffled(nodes, random));
            case MAJORITIES_RING -> ring(shuffled(nodes, random));
            case BRIDGE -> bridge(shuffled(nodes, random));
            case CLIENTS -> cutClients(side.resolve(nodes, random));
            case GRUDGE -> {
                Set<String> named = new TreeSet<>(grudge.keySet());
                grudge.values().forEach(named::addAll);
                named.remove(CLIENTS);
                if (!nodes.containsAll(named)) {
                    throw new IllegalArgumentException("the grudge names nodes outside the ensemble " + nodes);
                }
                yield this;
            }
        };
    }

    /** Binds a leader target; the grudge around it can only be drawn now, from the ensemble's {@code nodes}. */
    @Override
    public Partition withLeader(String leader, List<String> nodes) {
        Targets bound = side.withLeader(leader);
        return switch (shape) {
            case ISOLATE -> isolate(bound, nodes);
            case ONE_WAY -> oneWay(bound, other.withLeader(leader));
            case CLIENTS -> cutClients(bound);
            default -> this;
        };
    }

    @Override
    public boolean needsLeader() {
        return side.isLeader() || other.isLeader();
    }

    @Override
    public List<String> targets() {
        Set<String> hit = new TreeSet<>(grudge.keySet());
        grudge.values().forEach(hit::addAll);
        hit.remove(CLIENTS);
        return List.copyOf(hit);
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("shape", shape.name().toLowerCase(java.util.Locale.ROOT), "grudge", grudge);
    }

    private Partition isolate(Targets isolated, List<String> nodes) {
        if (isolated.isLeader()) {
            return new Partition(shape, isolated, other, Map.of());
        }
        List<String> rest = new ArrayList<>(nodes);
        rest.removeAll(isolated.names());
        return new Partition(shape, isolated, other, cut(isolated.names(), rest));
    }

    private Partition oneWay(Targets from, Targets to) {
        if (from.isLeader() || to.isLeader()) {
            return new Partition(shape, from, to, Map.of());
        }
        Map<String, List<String>> g = new TreeMap<>();
        for (String receiver : to.names()) {
            g.put(receiver, from.names().stream().filter(sender -> !sender.equals(receiver)).toList());
        }
        return new Partition(shape, from, to, g);
    }

    private Partition cutClients(Targets cut) {
        if (cut.isLeader()) {
            return new Partition(shape, cut, other, Map.of());
        }
        Map<String, List<String>> g = new TreeMap<>();
        cut.names().forEach(node -> g.put(node, List.of(CLIENTS)));
        return new Partition(shape, cut, other, g);
    }

    private Partition halves(List<String> shuffled) {
        int half = shuffled.size() / 2;
        return withGrudge(cut(shuffled.subList(0, half), shuffled.subList(half, shuffled.size())));
    }

    private Partition bridge(List<String> shuffled) {
        int half = shuffled.size() / 2;
        return withGrudge(cut(shuffled.subList(0, half), shuffled.subList(half + 1, shuffled.size())));
    }

    private Partition ring(List<String> ring) {
        int n = ring.size();
        int majority = n / 2 + 1;
        Map<String, List<String>> g = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            // the window of `majority` nodes around node i, itself included, is what it still hears
            Set<String> heard = new TreeSet<>();
            for (int d = -(majority - 1) / 2; d <= majority / 2; d++) {
                heard.add(ring.get(Math.floorMod(i + d, n)));
            }
            g.put(ring.get(i), ring.stream().filter(node -> !heard.contains(node)).toList());
        }
        return withGrudge(g);
    }

    private Partition withGrudge(Map<String, List<String>> g) {
        return new Partition(shape, side, other, g);
    }

    /** Both groups drop packets from each other. */
    private static Map<String, List<String>> cut(Collection<String> a, Collection<String> b) {
        Map<String, List<String>> g = new TreeMap<>();
        a.forEach(node -> g.put(node, List.copyOf(b)));
        b.forEach(node -> g.put(node, List.copyOf(a)));
        return g;
    }

    private static List<String> shuffled(List<String> nodes, Random random) {
        List<String> copy = new ArrayList<>(nodes);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** Sorted keys and values, no empty entries, so equal grudges compare equal. */
    private static Map<String, List<String>> normalize(Map<String, List<String>> grudge) {
        Map<String, List<String>> sorted = new TreeMap<>();
        if (grudge != null) {
            grudge.forEach((node, from) -> {
                List<String> senders = List.copyOf(new TreeSet<>(from));
                if (!senders.isEmpty()) {
                    sorted.put(node, senders);
                }
            });
        }
        return Collections.unmodifiableMap(sorted);
    }
}
