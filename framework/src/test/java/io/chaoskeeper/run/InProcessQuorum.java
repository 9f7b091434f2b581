package io.chaoskeeper.run;

import io.chaoskeeper.cluster.NodeMode;
import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.fault.FaultEvent;
import io.chaoskeeper.fault.FaultSchedule;
import io.chaoskeeper.fault.Nemesis;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A three-server ZooKeeper quorum inside the test JVM, on loopback ports: the stand-in for the Docker ensemble
 * while it has not landed. Servers can be stopped and restarted (the "leader stop" fault).
 */
final class InProcessQuorum implements AutoCloseable {

    private final Path baseDir;
    private final List<Properties> configs = new ArrayList<>();
    private final List<ZooKeeperNode> nodes = new ArrayList<>();
    private final ZooKeeperServerEmbedded[] servers;

    InProcessQuorum(int size, Path baseDir) throws Exception {
        this.baseDir = baseDir;
        this.servers = new ZooKeeperServerEmbedded[size];
        int[] ports = freePorts(size * 3);
        for (int i = 0; i < size; i++) {
            Properties p = new Properties();
            p.put("tickTime", "500");
            p.put("initLimit", "10");
            p.put("syncLimit", "5");
            p.put("clientPort", Integer.toString(ports[i * 3]));
            p.put("clientPortAddress", "127.0.0.1");
            p.put("dataDir", baseDir.resolve("zk" + (i + 1) + "/data").toString());
            p.put("4lw.commands.whitelist", "srvr,ruok");
            p.put("admin.enableServer", "false");
            p.put("metricsProvider.exportJvmInfo", "false");
            for (int j = 0; j < size; j++) {
                p.put("server." + (j + 1), "127.0.0.1:" + ports[j * 3 + 1] + ":" + ports[j * 3 + 2]);
            }
            configs.add(p);
            Files.createDirectories(baseDir.resolve("zk" + (i + 1) + "/data"));
            Files.writeString(baseDir.resolve("zk" + (i + 1) + "/data/myid"), Integer.toString(i + 1));
            nodes.add(new ZooKeeperNode(i + 1, "zk" + (i + 1), "in-process-" + (i + 1), "127.0.0.1",
                    new InetSocketAddress("127.0.0.1", ports[i * 3])));
        }
        for (int i = 0; i < size; i++) {
            start(i);
        }
        awaitQuorum(Duration.ofSeconds(30));
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    List<ZooKeeperNode> nodes() {
        return nodes;
    }

    void start(int i) throws Exception {
        servers[i] = ZooKeeperServerEmbedded.builder().baseDir(baseDir.resolve("zk" + (i + 1)))
                .configuration(configs.get(i)).exitHandler(ExitHandler.LOG_ONLY).build();
        servers[i].start();
    }

    void stop(int i) {
        if (servers[i] != null) {
            servers[i].close();
            servers[i] = null;
        }
    }

    /** Waits until there is one leader and every running server serves. */
    void awaitQuorum(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int leaders = 0;
            int serving = 0;
            int running = 0;
            for (int i = 0; i < nodes.size(); i++) {
                if (servers[i] != null) {
                    running++;
                    NodeMode mode = nodes.get(i).mode();
                    leaders += mode == NodeMode.LEADER ? 1 : 0;
                    serving += mode.isServing() ? 1 : 0;
                }
            }
            if (leaders == 1 && serving == running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the in-process quorum did not elect a leader within " + timeout);
    }

    int leaderIndex() {
        for (int i = 0; i < nodes.size(); i++) {
            if (servers[i] != null && nodes.get(i).mode() == NodeMode.LEADER) {
                return i;
            }
        }
        return -1;
    }

    /** A fault schedule that stops the leader {@code after} the start and restarts it at the heal. */
    FaultSchedule leaderStop(Duration after) {
        return new FaultSchedule() {
            @Override
            public Nemesis start(List<ZooKeeperNode> ignored, long seed, Consumer<FaultEvent> events) {
                AtomicInteger stopped = new AtomicInteger(-1);
                Thread injector = new Thread(() -> {
                    try {
                        Thread.sleep(after.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (stopped) {
                        int leader = leaderIndex();
                        if (leader >= 0 && stopped.get() < 0) {
                            stop(leader);
                            stopped.set(leader);
                            events.accept(new FaultEvent(System.nanoTime(), true, 1, "stop",
                                    List.of(nodes.get(leader).name()), Map.of("role", "leader"), null));
                        }
                    }
                }, "leader-stop");
                injector.setDaemon(true);
                injector.start();
                return new Nemesis() {
                    @Override
                    public void healAll() {
                        injector.interrupt();
                        synchronized (stopped) {
                            int i = stopped.getAndSet(-2);
                            if (i >= 0) {
                                String error = null;
                                try {
                                    InProcessQuorum.this.start(i);
                                    awaitQuorum(Duration.ofSeconds(30));
                                } catch (Exception e) {
                                    error = "restart failed: " + e.getMessage();
                                }
                                events.accept(new FaultEvent(System.nanoTime(), false, 1, "stop",
                                        List.of(nodes.get(i).name()), Map.of("role", "leader"), error));
                            }
                        }
                    }

                    @Override
                    public int activeFaults() {
                        return stopped.get() >= 0 ? 1 : 0;
                    }

                    @Override
                    public void close() {
                        healAll();
                    }
                };
            }

            @Override
            public String toString() {
                return "stop the leader after " + after.toMillis() + " ms, restart it at the heal";
            }
        };
    }

    @Override
    public void close() {
        for (int i = 0; i < servers.length; i++) {
            stop(i);
        }
    }
}
