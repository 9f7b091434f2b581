package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.cluster.internal.FourLetterWord;
import io.chaoskeeper.evidence.ClusterTimeline;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Polls every server with {@code srvr} every {@link #PERIOD} (at its client port until it first answers, then where
 * the {@link EvidenceSource#pollAddress} says), each on its own schedule in one shared pool (a paused
 * server's timeouts never delay the others' samples), and streams the samples to {@code cluster.jsonl}.
 *
 * <p>A server that does not answer within {@link #TIMEOUT} is asked about through the {@link EvidenceSource}
 * (paused or down), waiting for the answer only until the period is nearly over ({@link SilentStates}), so each
 * server's samples stay {@link #PERIOD} apart as long as the JVM gets the CPU to run them. {@code srvr} does not name a follower's leader, so the leader is derived: the server that
 * last said it leads in the same epoch (the epoch of the zxids both report), or null when none did.
 */
public final class TimelinePoller implements AutoCloseable {

    /** How often each server is asked. */
    public static final Duration PERIOD = Duration.ofMillis(100);
    /** How long an answer may take before the server counts as silent. */
    public static final Duration TIMEOUT = Duration.ofMillis(80);
    /** Left of the period when a silent server's container state is waited for, for writing the sample. */
    private static final Duration MARGIN = Duration.ofMillis(5);

    private static final System.Logger LOG = System.getLogger(TimelinePoller.class.getName());

    private final long startNanos;
    private final SilentStates silentStates;
    private final SampleWriter writer;
    private final EvidenceSource source;
    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final Map<String, NodeSample> latest = new ConcurrentHashMap<>();
    private final List<NodeSample> samples = new ArrayList<>();
    private final ScheduledThreadPoolExecutor pool;

    /**
     * Starts polling at once.
     *
     * @param startNanos {@link System#nanoTime()} at time zero of the history
     * @throws IOException when {@code file} cannot be created
     */
    public TimelinePoller(List<ZooKeeperNode> nodes, EvidenceSource source, long startNanos, Path file)
            throws IOException {
        this.startNanos = startNanos;
        this.source = source;
        this.writer = new SampleWriter(file);
        // one thread per server's polls, and one for the container-state questions about silent servers
        this.pool = new ScheduledThreadPoolExecutor(nodes.size() + 1, r -> {
            Thread t = new Thread(r, "chaoskeeper-timeline");
            t.setDaemon(true);
            return t;
        });
        this.silentStates = new SilentStates(source, pool);
        for (ZooKeeperNode node : nodes) {
            pool.scheduleAtFixedRate(() -> poll(node), 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void poll(ZooKeeperNode node) {
        try {
            NodeSample sample = sample(node);
            latest.put(node.name(), sample);
            synchronized (samples) {
                samples.add(sample);
            }
            writer.write(sample);
        } catch (RuntimeException e) {
            // a poll must never end its schedule: the next one tries again
            LOG.log(System.Logger.Level.WARNING, "polling " + node.name() + " failed: " + e);
        }
    }

    private NodeSample sample(ZooKeeperNode node) {
        long time = System.nanoTime() - startNanos;
        String answer = FourLetterWord.ask(addresses.getOrDefault(node.name(), node.clientAddress()), "srvr", TIMEOUT);
        if (!answer.isEmpty() && !addresses.containsKey(node.name())) {
            addresses.put(node.name(), source.pollAddress(node)); // it answers: a fair time to try out its own address
        }
        FourLetterWords.Srvr srvr = FourLetterWords.srvr(answer);
        if (srvr == null) {
            return silent(node, time);
        }
        silentStates.answered(node);
        Integer leader = switch (srvr.state()) {
            case LEADER -> node.id();
            case FOLLOWER, OBSERVER -> leaderOf(srvr.epoch());
            default -> null;
        };
        return new NodeSample(time, node.name(), node.id(), srvr.state(), srvr.epoch(), srvr.zxid(), leader, null);
    }

    private NodeSample silent(ZooKeeperNode node, long time) {
        long wait = PERIOD.toNanos() - (System.nanoTime() - startNanos - time) - MARGIN.toNanos();
        SilentStates.Silent silent = silentStates.of(node, TIMEOUT.toMillis(), wait);
        return new NodeSample(time, node.name(), node.id(), silent.state(), null, null, null, silent.error());
    }

    private Integer leaderOf(Long epoch) {
        if (epoch == null) {
            return null;
        }
        return latest.values().stream().filter(s -> s.state() == NodeState.LEADER && epoch.equals(s.epoch()))
                .map(NodeSample::id).findFirst().orElse(null);
    }

    /** The samples so far. */
    public ClusterTimeline timeline() {
        synchronized (samples) {
            return ClusterTimeline.of(List.copyOf(samples));
        }
    }

    /** Stops polling (a poll under way finishes and is written) and closes the file. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2 * TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "a cluster poll did not end in time; its sample is lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
