package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.evidence.NodeState;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the answers of ZooKeeper's {@code srvr} and {@code mntr} four-letter words (3.8 and 3.9 formats). The
 * words themselves are sent by {@link io.chaoskeeper.cluster.ZooKeeperNode#fourLetterWord}, through ZooKeeper's own
 * client.
 */
public final class FourLetterWords {

    /** What {@code srvr} and {@code mntr} say when the server does not serve requests (electing, no quorum). */
    static final String NOT_SERVING = "not currently serving requests";

    private FourLetterWords() {
    }

    /**
     * What a {@code srvr} answer says.
     *
     * @param state the role ({@link NodeState#LOOKING} when the server answers but does not serve)
     * @param zxid  its last processed zxid, or null when not serving
     */
    public record Srvr(NodeState state, Long zxid) {

        /** The epoch of the zxid (its upper 32 bits), or null. */
        public Long epoch() {
            return zxid == null ? null : zxid >>> 32;
        }
    }

    /** Parses a {@code srvr} answer; null for an empty answer (the server did not answer). */
    public static Srvr srvr(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        NodeState state = NodeState.LOOKING;
        Long zxid = null;
        for (String line : answer.split("\n")) {
            if (line.startsWith("Mode:")) {
                state = mode(line.substring("Mode:".length()));
            } else if (line.startsWith("Zxid:")) {
                zxid = Long.decode(line.substring("Zxid:".length()).trim());
            }
        }
        return new Srvr(state, state == NodeState.LOOKING ? null : zxid);
    }

    private static NodeState mode(String mode) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "leader" -> NodeState.LEADER;
            case "follower" -> NodeState.FOLLOWER;
            case "observer" -> NodeState.OBSERVER;
            case "standalone" -> NodeState.STANDALONE;
            default -> NodeState.LOOKING;
        };
    }

    /** Parses a {@code mntr} answer into key → value ({@code zk_server_state → leader}); empty when not serving. */
    public static Map<String, String> mntr(String answer) {
        Map<String, String> values = new LinkedHashMap<>();
        if (answer == null || answer.contains(NOT_SERVING)) {
            return values;
        }
        for (String line : answer.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                values.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
            }
        }
        return values;
    }

    /** {@code zk_digest_mismatches_count} of a parsed {@code mntr} answer, or null when it has none. */
    public static Long digestMismatches(Map<String, String> mntr) {
        String count = mntr.get("zk_digest_mismatches_count");
        return count == null ? null : Long.valueOf(count);
    }
}
