package io.chaoskeeper.cluster.internal.clock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Arrays;

/**
 * The Java agent in a node's JVM ({@code -javaagent:clock-agent.jar=<clock file>}) that lets the framework shift
 * the clock ZooKeeper reads. Containers share the kernel's clock, so the shift is per process: ZooKeeper reads time
 * only through {@code org.apache.zookeeper.common.Time}, and the agent swaps that one class for a copy woven when
 * the node image was built ({@link AgentJar}), which adds {@link ClockOffset}'s offsets to its readings.
 *
 * <p>A daemon thread reads the clock file every 50 ms. A complete line (ending in a newline) that differs from the
 * last one takes effect at once; a missing file or a line still being written changes nothing (the framework
 * replaces the file with {@code docker cp}, which removes it first); a malformed line is ignored and named once on
 * stderr, which is the node's log. At start, without a file, there is no offset. Every change is logged too.
 *
 * <p>It runs in the node's JVM: like everything in the agent jar it may use nothing but the JDK.
 */
public final class ClockAgent implements ClassFileTransformer {

    /** The internal name of the one class the agent replaces. */
    static final String TIME_CLASS = "org/apache/zookeeper/common/Time";
    /** Where the agent jar keeps the woven {@code Time} class (not a {@code .class} name, so it is never loaded). */
    static final String WOVEN_TIME = "io/chaoskeeper/cluster/internal/clock/Time.woven";

    private static final long POLL_MILLIS = 50;

    private final Instrumentation instrumentation;
    private final byte[] wovenTime;

    private ClockAgent(Instrumentation instrumentation, byte[] wovenTime) {
        this.instrumentation = instrumentation;
        this.wovenTime = wovenTime;
    }

    /**
     * Installs the agent.
     *
     * @param clockFile the path of the clock file, the agent's argument
     */
    public static void premain(String clockFile, Instrumentation instrumentation) throws IOException {
        if (clockFile == null || clockFile.isBlank()) {
            throw new IllegalArgumentException("the clock agent needs the clock file's path as its argument:"
                    + " -javaagent:clock-agent.jar=/run/chaoskeeper/clock");
        }
        Path file = Path.of(clockFile);
        // the directory's existence tells the framework an agent runs here, so it can copy the file into it
        Files.createDirectories(file.getParent());
        Poller poller = new Poller(file);
        poller.poll();
        instrumentation.addTransformer(new ClockAgent(instrumentation, readWovenTime()));
        Thread thread = new Thread(poller, "chaoskeeper-clock");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classfile) {
        if (!TIME_CLASS.equals(className) || loader == null) {
            return null;
        }
        // the one class is done: without a transformer the JVM stops handing us every class it loads, which
        // costs class data sharing the reading of each class file
        instrumentation.removeTransformer(this);
        return wovenTime;
    }

    private static byte[] readWovenTime() throws IOException {
        try (InputStream in = ClockAgent.class.getClassLoader().getResourceAsStream(WOVEN_TIME)) {
            if (in == null) {
                throw new IOException("the clock agent jar lacks " + WOVEN_TIME);
            }
            return in.readAllBytes();
        }
    }

    /** Reads the clock file and puts a new spec into effect; runs until the JVM exits. */
    static final class Poller implements Runnable {
        private final Path file;
        private byte[] last = new byte[0];

        Poller(Path file) {
            this.file = file;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(POLL_MILLIS);
                    poll();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // keep the clock thread alive whatever one reading does: it is the only way to heal the node
                    System.err.println("chaoskeeper clock agent: reading " + file + " failed: " + e);
                }
            }
        }

        /** One reading of the file: a complete, new line takes effect, anything else changes nothing. */
        void poll() {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (content.length == 0 || content[content.length - 1] != '\n' || Arrays.equals(content, last)) {
                return;
            }
            last = content;
            String line = new String(content, StandardCharsets.UTF_8).trim();
            try {
                ClockSpec spec = ClockSpec.parse(line);
                ClockOffset.set(spec, System.nanoTime());
                System.err.println("chaoskeeper clock agent: " + spec.format() + " (ms) from " + file);
            } catch (IllegalArgumentException e) {
                System.err.println("chaoskeeper clock agent: ignoring " + file + ": " + e.getMessage());
            }
        }
    }
}
