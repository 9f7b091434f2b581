package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.internal.clock.AgentFingerprint;
import io.chaoskeeper.cluster.internal.clock.AgentJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The clock agent jar for local nodes, woven as for a node image ({@link AgentJar}) but kept on disk under the
 * local root, named by a hash of the agent's code ({@link AgentFingerprint}) and the server's jars, so only the
 * first ensemble of a version pays the weaving.
 */
final class AgentCache {

    private AgentCache() {
    }

    /** The agent jar for a server on these jars, built now if no earlier run left it. */
    static Path agentFor(Path root, List<Path> jars) throws IOException {
        Path jar = root.resolve("clock-agent-" + hash(jars) + ".jar");
        if (!Files.exists(jar)) {
            Path temp = Files.createTempFile(root, "clock-agent", ".tmp");
            Files.write(temp, AgentJar.build(jars));
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return jar;
    }

    private static String hash(List<Path> jars) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(AgentFingerprint.of().getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                // a released artifact's path and size name its content well enough; the agent hash covers ours
                sha.update((jar.toAbsolutePath() + ":" + Files.size(jar)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
