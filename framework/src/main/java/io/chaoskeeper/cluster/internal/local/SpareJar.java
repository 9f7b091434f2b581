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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The jar a spare server adds to its class path (a node image carries it too): the class files of {@link SpareServer}, {@link SpareRehearsal}
 * and {@link RehearsalPeer} alone, kept under the local root and named by their content, so that a changed framework
 * never runs an older launcher.
 */
public final class SpareJar {

    private static final List<Class<?>> CLASSES = List.of(SpareServer.class, SpareRehearsal.class,
            RehearsalPeer.class);

    private SpareJar() {
    }

    /** The jar, written now if no earlier run left it. */
    public static Path in(Path root) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Class<?> type : CLASSES) {
            String name = type.getSimpleName() + ".class";
            try (InputStream in = Objects.requireNonNull(type.getResourceAsStream(name), name)) {
                entries.put(type.getName().replace('.', '/') + ".class", in.readAllBytes());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(0); // the same classes make the same jar, so its name can be its content's hash
                out.putNextEntry(jarEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        Path jar = root.resolve("spare-server-" + hash(bytes.toByteArray()) + ".jar");
        if (!Files.exists(jar)) {
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
