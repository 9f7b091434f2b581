package io.chaoskeeper.cluster.internal.clock;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

/**
 * Builds the clock agent jar for one ZooKeeper version, when its node image is built: the agent's classes, read
 * from this framework's own class path, and ZooKeeper's {@code Time} class from the server's jars with
 * {@link ShiftAdvice} woven onto its two clock methods.
 *
 * <p>Weaving here rather than in every node's JVM keeps ByteBuddy out of the image and out of node start: the
 * agent only hands the JVM the ready bytes. The jar's bytes depend only on its inputs (fixed entry times): the
 * server's {@code Time} and the code {@link AgentFingerprint} covers.
 */
public final class AgentJar {

    /** The classes the agent runs, with their nested classes; none may use anything outside the JDK. */
    static final List<Class<?>> AGENT_CLASSES = List.of(ClockAgent.class, ClockSpec.class,
            ClockOffset.class);
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final String TIME_NAME = ClockAgent.TIME_CLASS.replace('/', '.');

    private AgentJar() {
    }

    /**
     * The agent jar for a server running on these jars.
     *
     * @throws IOException if a jar cannot be read or none holds {@code org.apache.zookeeper.common.Time}
     */
    public static byte[] build(List<Path> serverJars) throws IOException {
        byte[] time = timeClass(serverJars).orElseThrow(() -> new IOException(
                "none of the server's jars holds " + TIME_NAME + ", which the clock agent shifts"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            put(jar, JarFile.MANIFEST_NAME, manifest());
            for (Class<?> type : classesOf(AGENT_CLASSES)) {
                put(jar, type.getName().replace('.', '/') + ".class", classBytes(type));
            }
            put(jar, ClockAgent.WOVEN_TIME, weave(time));
        }
        return bytes.toByteArray();
    }

    /** {@code Time}'s class file with the offsets added on exit of {@code currentWallTime} and {@code currentElapsedTime}. */
    static byte[] weave(byte[] timeClass) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(TIME_NAME, timeClass),
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        return new ByteBuddy()
                .redefine(TypePool.Default.of(locator).describe(TIME_NAME).resolve(), locator)
                .visit(Advice.to(ShiftAdvice.Wall.class).on(named("currentWallTime").and(takesNoArguments())))
                .visit(Advice.to(ShiftAdvice.Elapsed.class).on(named("currentElapsedTime").and(takesNoArguments())))
                .make()
                .getBytes();
    }

    private static Optional<byte[]> timeClass(List<Path> jars) throws IOException {
        for (Path path : jars) {
            try (JarFile jar = new JarFile(path.toFile())) {
                JarEntry entry = jar.getJarEntry(ClockAgent.TIME_CLASS + ".class");
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        return Optional.of(in.readAllBytes());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] manifest() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ClockAgent.class.getName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }

    static List<Class<?>> classesOf(List<Class<?>> types) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> type : types) {
            all.add(type);
            all.addAll(classesOf(List.of(type.getDeclaredClasses())));
        }
        return all;
    }

    static byte[] classBytes(Class<?> type) {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the class file of " + type.getName() + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }
}
