package io.chaoskeeper.cluster.internal.local;

import java.lang.reflect.Field;
import java.nio.file.Path;

/**
 * One server of a spare's rehearsal ({@link SpareRehearsal}): {@code QuorumPeerMain.runFromConfig} on a thread of
 * its own, watched and shut down through ZooKeeper's public API by reflection, since it runs in a server's JVM on
 * whatever server version that is.
 */
record RehearsalPeer(Object main, Field peerField, Thread thread) {

    private static final String CONFIG = "org.apache.zookeeper.server.quorum.QuorumPeerConfig";
    private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** The prefix of the peers' thread names. */
    static final String THREAD = "chaoskeeper-rehearsal-";

    /** Parses {@code cfg} and starts its server. */
    static RehearsalPeer start(Path cfg, int id) throws ReflectiveOperationException {
        Class<?> configClass = Class.forName(CONFIG);
        Object config = configClass.getConstructor().newInstance();
        configClass.getMethod("parse", String.class).invoke(config, cfg.toString());
        Class<?> mainClass = Class.forName(MAIN);
        Object main = mainClass.getConstructor().newInstance();
        Field peerField = mainClass.getDeclaredField("quorumPeer");
        peerField.setAccessible(true);
        Thread thread = new Thread(() -> {
            try {
                mainClass.getMethod("runFromConfig", configClass).invoke(main, config);
            } catch (ReflectiveOperationException e) {
                // seen by the rehearsal: this peer never serves
            }
        }, THREAD + id);
        thread.setDaemon(true);
        thread.start();
        return new RehearsalPeer(main, peerField, thread);
    }

    /** Its state word ({@code looking}, {@code leading}, ...), or null before its peer exists. */
    String state() throws ReflectiveOperationException {
        Object peer = peerField.get(main);
        return peer == null ? null : (String) peer.getClass().getMethod("getServerState").invoke(peer);
    }

    /** Whether it leads or follows and its server runs. */
    boolean serving() throws ReflectiveOperationException {
        Object peer = peerField.get(main);
        String state = state();
        if (!"leading".equals(state) && !"following".equals(state)) {
            return false;
        }
        Object server = peer.getClass().getMethod("getActiveServer").invoke(peer);
        return server != null && (Boolean) server.getClass().getMethod("isRunning").invoke(server);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Shuts its server down, if it has one yet. */
    void shutdown() throws ReflectiveOperationException {
        Object peer = peerField.get(main);
        if (peer != null) {
            peer.getClass().getMethod("shutdown").invoke(peer);
        }
    }

    /** Waits up to {@code millis} for its thread: true if it ended. */
    boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }
}
