package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One server's facts at the end of a run, an entry of {@code servers.json}: its state and zxid ({@code srvr}), its
 * digest mismatch count ({@code mntr}), its log copied to {@code nodes/<node>.log}, and whatever the
 * {@link EvidenceSource#archiveData} hook adds (the data directory archive).
 *
 * @param node             the node's name
 * @param state            its state at the end
 * @param epoch            the epoch of its last zxid, or null
 * @param digestMismatches {@code zk_digest_mismatches_count}, or null when it did not say
 * @param json             the entry as written to {@code servers.json}
 */
public record ServerFacts(String node, NodeState state, Long epoch, Long digestMismatches, Map<String, Object> json) {

    /** How long one four-letter word may take. */
    static final Duration ASK = Duration.ofSeconds(1);

    /**
     * Gathers one server's facts; never throws: what could not be had is named in the entry.
     *
     * @param settle how long to wait for a server that does not serve yet (rejoining after the final heal)
     */
    public static ServerFacts gather(ZooKeeperNode node, EvidenceSource source, Path runDirectory, Duration settle) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("node", node.name());
        json.put("id", node.id());
        FourLetterWords.Srvr srvr = settled(node, settle);
        NodeState state = srvr != null ? srvr.state() : silentState(node, source);
        Long digest = FourLetterWords.digestMismatches(FourLetterWords.mntr(node.fourLetterWord("mntr", ASK)));
        json.put("state", state.wireName());
        json.put("zxid", srvr == null ? null : srvr.zxid());
        json.put("digestMismatches", digest);
        String log = "nodes/" + node.name() + ".log";
        try {
            source.copyLog(node, runDirectory.resolve(log));
            if (Files.isRegularFile(runDirectory.resolve(log))) { // a source without logs copies nothing
                json.put("log", log);
            }
        } catch (IOException | RuntimeException e) {
            json.put("logError", "the log could not be copied: " + e.getMessage());
        }
        try {
            json.putAll(source.archiveData(node, runDirectory));
        } catch (IOException | RuntimeException e) {
            json.put("dataError", "the data directory could not be archived: " + e.getMessage());
        }
        return new ServerFacts(node.name(), state, srvr == null ? null : srvr.epoch(), digest, json);
    }

    /** Where its log was copied in the run directory ({@code nodes/<node>.log}), or empty when it was not. */
    public Optional<Path> copiedLog(Path runDirectory) {
        Object log = json.get("log");
        return log == null ? Optional.empty() : Optional.of(runDirectory.resolve(log.toString()))
                .filter(Files::isRegularFile);
    }

    /** The server's {@code srvr} once it serves, or its last answer (null if none) after {@code settle}. */
    private static FourLetterWords.Srvr settled(ZooKeeperNode node, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            FourLetterWords.Srvr srvr = FourLetterWords.srvr(node.fourLetterWord("srvr", ASK));
            if (srvr != null && srvr.state().isServing() || System.nanoTime() > deadline) {
                return srvr;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return srvr;
            }
        }
    }

    private static NodeState silentState(ZooKeeperNode node, EvidenceSource source) {
        try {
            return source.silentState(node);
        } catch (RuntimeException e) {
            return NodeState.DOWN;
        }
    }
}
