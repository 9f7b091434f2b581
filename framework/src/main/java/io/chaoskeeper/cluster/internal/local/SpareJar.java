package io.chaoskeeper.cluster.internal.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The jar a spare server adds to its class path: {@link SpareServer}'s class file alone, kept under the local root
 * and named by its content, so that a changed framework never runs an older launcher.
 */
final class SpareJar {

    private static final String ENTRY = SpareServer.class.getName().replace('.', '/') + ".class";

    private SpareJar() {
    }

    /** The jar, written now if no earlier run left it. */
    static Path in(Path root) throws IOException {
        byte[] launcher;
        try (InputStream in = Objects.requireNonNull(SpareServer.class.getResourceAsStream("SpareServer.class"),
                ENTRY)) {
            launcher = in.readAllBytes();
        }
        Path jar = root.resolve("spare-server-" + hash(launcher) + ".jar");
        if (!Files.exists(jar)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes)) {
                out.putNextEntry(new JarEntry(ENTRY));
                out.write(launcher);
                out.closeEntry();
            }
            Path temp = Files.createTempFile(root, "spare-server", ".tmp");
            Files.write(temp, bytes.toByteArray());
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return jar;
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
