package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data archive of what a local server loads up to leading a quorum of one, as node images carry: it cuts
 * the CPU of every server start by about 40%, most of a local ensemble's start on a busy 2-core machine. Made once
 * per JVM, server jars and agent by a trial server that is stopped with SIGTERM (the JVM writes the archive as it
 * exits), kept under the local root; a failed trial leaves none, and servers start without.
 */
final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final Duration TRIAL_LIMIT = Duration.ofSeconds(90);

    private ClassDataArchive() {
    }

    /**
     * The archive for servers run by {@code command} ({@link LocalNode#baseCommand}: java, the agent without its
     * file, the options and the main class), made now if missing; null if it cannot be made.
     */
    static synchronized Path ensure(Path root, List<String> command) throws IOException {
        // synchronized: a JVM may not take the same file lock twice, the lock is for other JVMs
        Path archive = root.resolve("server-" + hash(command) + ".jsa");
        try (FileChannel lockFile = FileChannel.open(root.resolve("cds.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!Files.exists(archive)) {
                trial(root, command, archive);
            }
        }
        return Files.exists(archive) ? archive : null;
    }

    private static void trial(Path root, List<String> command, Path archive) throws IOException {
        Path dir = Files.createTempDirectory(root, "cds-trial");
        Path temp = dir.resolve("archive.jsa");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data").resolve("myid"), "1");
            int[] ports = LocalPorts.free(3);
            Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "tickTime=200\ninitLimit=10\nsyncLimit=5\n"
                    + "dataDir=" + dir.resolve("data") + "\nclientPort=" + ports[0] + "\nclientPortAddress=127.0.0.1\n"
                    + "standaloneEnabled=false\nadmin.enableServer=false\n4lw.commands.whitelist=srvr\n"
                    + "server.1=127.0.0.1:" + ports[1] + ":" + ports[2] + "\n");
            List<String> trial = LocalNode.withFiles(command, dir.resolve(LocalNode.CLOCK_FILE), null, cfg);
            // the JVM refuses to dump with an agent attached; servers with the agent still use the archive
            trial.set(1, "-XX:ArchiveClassesAtExit=" + temp);
            Process server = new ProcessBuilder(trial).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start();
            ZooKeeperNode node = new ZooKeeperNode(1, "cds-trial", "cds-trial", "127.0.0.1",
                    new InetSocketAddress("127.0.0.1", ports[0]));
            long deadline = System.nanoTime() + TRIAL_LIMIT.toNanos();
            while (server.isAlive() && !node.mode(Duration.ofMillis(500)).isServing() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            if (Files.exists(temp) && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Made the class-data archive {} for local servers", archive.getFileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LocalSweep.deleteTree(dir);
        }
    }

    private static String hash(List<String> commandWithoutConfig) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\n", commandWithoutConfig).getBytes(StandardCharsets.UTF_8));
            sha.update(System.getProperty("java.vm.version", "").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
