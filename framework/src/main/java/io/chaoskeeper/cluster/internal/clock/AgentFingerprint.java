package io.chaoskeeper.cluster.internal.clock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A hash of everything besides the server's jars that goes into the clock agent jar: the agent's classes, the
 * advice, {@link AgentJar} itself, and the ByteBuddy that weaves (by its main class's bytes, which change with its
 * version). A node image's tag uses it instead of the jar: reading class files is cheap, while weaving costs 0.4 s
 * in a fresh JVM. Kept apart from {@link AgentJar} so that hashing links none of ByteBuddy.
 */
public final class AgentFingerprint {

    private AgentFingerprint() {
    }

    /** The hash, in hex. */
    public static String of() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Class<?>> code = new ArrayList<>(AgentJar.AGENT_CLASSES);
            code.addAll(List.of(ShiftAdvice.class, AgentJar.class));
            for (Class<?> type : AgentJar.classesOf(code)) {
                sha.update(AgentJar.classBytes(type));
            }
            try (InputStream byteBuddy = AgentFingerprint.class.getClassLoader()
                    .getResourceAsStream("net/bytebuddy/ByteBuddy.class")) {
                if (byteBuddy == null) {
                    throw new IOException("ByteBuddy is not on the class path");
                }
                sha.update(byteBuddy.readAllBytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
