package io.chaoskeeper.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Which nodes a fault hits: named ones, random ones, a random minority or majority, all, or the current leader.
 *
 * <p>Random choices are made by {@link #resolve(List, Random)} from the schedule's seeded {@link Random}, so the
 * same seed picks the same nodes. The leader cannot be known in advance: it stays a rule until the fault is applied.
 */
public final class Targets {

    private enum Rule { NAMED, RANDOM, MINORITY, MAJORITY, ALL, LEADER }

    private final Rule rule;
    private final int count;
    private final List<String> names;

    private Targets(Rule rule, int count, List<String> names) {
        this.rule = rule;
        this.count = count;
        this.names = List.copyOf(names);
    }

    /** These nodes, by name (e.g. {@code zk1}). */
    public static Targets named(String... names) {
        return named(List.of(names));
    }

    /** These nodes, by name (e.g. {@code zk1}). */
    public static Targets named(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one node");
        }
        return new Targets(Rule.NAMED, names.size(), names);
    }

    /** One node chosen at random. */
    public static Targets random() {
        return random(1);
    }

    /** {@code count} distinct nodes chosen at random. */
    public static Targets random(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new Targets(Rule.RANDOM, count, List.of());
    }

    /** A random minority: the largest group that is not a majority, {@code (n - 1) / 2} nodes. */
    public static Targets minority() {
        return new Targets(Rule.MINORITY, 0, List.of());
    }

    /** A random majority: {@code n / 2 + 1} nodes. */
    public static Targets majority() {
        return new Targets(Rule.MAJORITY, 0, List.of());
    }

    /** Every node. */
    public static Targets all() {
        return new Targets(Rule.ALL, 0, List.of());
    }

    /** The node that leads when the fault is applied. */
    public static Targets leader() {
        return new Targets(Rule.LEADER, 1, List.of());
    }

    /** True when these targets are the leader, which is only known when the fault is applied. */
    public boolean isLeader() {
        return rule == Rule.LEADER;
    }

    /** The node names; empty until resolved (and for {@link #leader()}). */
    public List<String> names() {
        return names;
    }

    /**
     * Makes this rule's random choices among the ensemble's nodes (consuming {@code random} the same way for the same
     * ensemble size). Named targets and the leader rule are returned as they are.
     */
    public Targets resolve(List<String> nodes, Random random) {
        return switch (rule) {
            case NAMED -> {
                if (!nodes.containsAll(names)) {
                    throw new IllegalArgumentException("unknown node among " + names + "; the ensemble has " + nodes);
                }
                yield this;
            }
            case LEADER -> this;
            case ALL -> named(nodes);
            case RANDOM -> pick(nodes, Math.min(count, nodes.size()), random);
            case MINORITY -> pick(nodes, Math.max(1, (nodes.size() - 1) / 2), random);
            case MAJORITY -> pick(nodes, nodes.size() / 2 + 1, random);
        };
    }

    /** The leader rule bound to the node that leads now; other targets are returned as they are. */
    public Targets withLeader(String leader) {
        return rule == Rule.LEADER ? named(leader) : this;
    }

    private static Targets pick(List<String> nodes, int n, Random random) {
        List<String> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        return named(shuffled.subList(0, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Targets t && t.rule == rule && t.count == count && t.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, count, names);
    }

    /** E.g. {@code [zk1, zk3]}, {@code leader}, {@code random(2)}. */
    @Override
    public String toString() {
        return switch (rule) {
            case NAMED -> names.toString();
            case RANDOM -> "random(" + count + ")";
            default -> rule.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
