package io.chaoskeeper.cluster.internal.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A spare's rehearsal ({@link SpareServer}): before it is given a node, the spare runs a quorum of two servers in
 * its own JVM ({@link RehearsalPeer}), on loopback in a scratch directory, until one leads, the other follows and
 * both serve, then shuts them down. A real start then finds every class of the
 * path from config to leading loaded, linked and initialised and its call sites resolved, where a fresh JVM pays
 * for all of that while the ensemble waits. Nothing of the rehearsal is left: its output is discarded, its
 * directory deleted, and the process-wide settings a config parse changes (system properties and two static flags)
 * are put back. Runs in the server's JVM: it uses nothing but the JDK and reflection on ZooKeeper's public API.
 */
final class SpareRehearsal {

    private static final String CONFIG = "org.apache.zookeeper.server.quorum.QuorumPeerConfig";
    /** Two: a leader and a follower, so the election's connections and the follower's sync are rehearsed too. */
    private static final int PEERS = 2;
    private static final long LIMIT_NANOS = 30_000_000_000L;

    private SpareRehearsal() {
    }

    /**
     * Rehearses a start in {@code scratch} (made, then deleted): true if the quorum served. Any failure only
     * means a colder start later.
     */
    static boolean run(Path scratch) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Properties properties = (Properties) System.getProperties().clone();
        Path dir = null;
        try {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(quiet);
            System.setErr(quiet);
            dir = Files.createDirectories(scratch);
            return rehearse(configs(dir));
        } catch (Exception | LinkageError e) {
            return false; // an older or newer server that differs here starts as a fresh JVM would
        } finally {
            System.setProperties(properties);
            resetStatics();
            System.setOut(out);
            System.setErr(err);
            delete(dir);
        }
    }

    /** The peers' configs: {@value #PEERS} servers on free loopback ports, each with its own data directory. */
    private static List<Path> configs(Path dir) throws IOException {
        StringBuilder servers = new StringBuilder();
        for (int id = 1; id <= PEERS; id++) {
            servers.append("server.").append(id).append("=127.0.0.1:").append(freePort()).append(':')
                    .append(freePort()).append('\n');
        }
        List<Path> configs = new ArrayList<>();
        for (int id = 1; id <= PEERS; id++) {
            Path data = Files.createDirectories(dir.resolve("data" + id));
            Files.writeString(data.resolve("myid"), Integer.toString(id));
            configs.add(Files.writeString(dir.resolve("zoo" + id + ".cfg"), "tickTime=200\ninitLimit=10\n"
                    + "syncLimit=5\ndataDir=" + data + "\nclientPort=" + freePort() + "\nclientPortAddress=127.0.0.1\n"
                    + "standaloneEnabled=false\nadmin.enableServer=false\n" + servers));
        }
        return configs;
    }

    /** Runs the peers until each leads or follows and serves, then shuts them down: true if all served and ended. */
    private static boolean rehearse(List<Path> configs) throws Exception {
        List<RehearsalPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < configs.size(); i++) {
                peers.add(RehearsalPeer.start(configs.get(i), i + 1));
            }
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (!allServe(peers) && System.nanoTime() < deadline && peers.stream().allMatch(RehearsalPeer::isAlive)) {
                Thread.sleep(10);
            }
            return allServe(peers);
        } finally {
            for (RehearsalPeer peer : peers) {
                peer.shutdown();
            }
            for (RehearsalPeer peer : peers) {
                peer.join(LIMIT_NANOS / 1_000_000);
            }
        }
    }

    private static boolean allServe(List<RehearsalPeer> peers) throws ReflectiveOperationException {
        for (RehearsalPeer peer : peers) {
            if (!peer.serving()) {
                return false;
            }
        }
        return true;
    }

    /** The flags a parse sets only when its config names them, back to their defaults; the 4lw list unread. */
    private static void resetStatics() {
        try {
            Class<?> configClass = Class.forName(CONFIG);
            configClass.getMethod("setStandaloneEnabled", boolean.class).invoke(null, true);
            configClass.getMethod("setReconfigEnabled", boolean.class).invoke(null, false);
            Class.forName("org.apache.zookeeper.server.command.FourLetterCommands").getMethod("resetWhiteList")
                    .invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // a server without these has nothing to reset
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch directory under the temp dir: left to the system
        }
    }
}
