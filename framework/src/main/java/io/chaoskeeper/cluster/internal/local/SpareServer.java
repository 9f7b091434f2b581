package io.chaoskeeper.cluster.internal.local;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The main class of a spare local server ({@link SparePool}): a child JVM on a server's jars that loads and
 * initialises ZooKeeper's server classes and rehearses a start ({@link SpareRehearsal}) in the directory its one
 * argument names while no ensemble needs it, says {@value #WARM_LINE} on its standard output,
 * then waits on its standard input for one line,
 * {@code <log file> TAB <zoo.cfg>}, and runs {@code QuorumPeerMain} on that config with its output appended to that
 * log (what it printed while it waited comes first). When its input ends before that line, because the JVM that
 * started it is gone, it exits. It runs in the server's JVM: it may use nothing but the JDK.
 */
public final class SpareServer {

    /** What a server's start initialises, so a spare has done it before it is given its config. */
    private static final List<String> WARM = List.of("org.apache.zookeeper.common.X509Util",
            "org.apache.zookeeper.common.ClientX509Util", "org.apache.zookeeper.server.quorum.QuorumPeerConfig",
            "org.apache.zookeeper.server.quorum.QuorumPeer", "org.apache.zookeeper.server.quorum.QuorumCnxManager",
            "org.apache.zookeeper.server.quorum.FastLeaderElection", "org.apache.zookeeper.server.quorum.Leader",
            "org.apache.zookeeper.server.quorum.Follower", "org.apache.zookeeper.server.quorum.LearnerHandler",
            "org.apache.zookeeper.server.NIOServerCnxnFactory", "org.apache.zookeeper.server.ZooKeeperServer",
            "org.apache.zookeeper.server.ServerMetrics", "org.apache.zookeeper.server.persistence.FileTxnSnapLog",
            "org.apache.zookeeper.server.DataTree", "org.apache.zookeeper.jmx.MBeanRegistry");
    private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** What a spare prints on its own standard output once it is warm. */
    static final String WARM_LINE = "warm";

    private SpareServer() {
    }

    /**
     * Warms up, then runs the server named on standard input.
     *
     * @param args the spare's own directory, where it rehearses (optional: without it, no rehearsal)
     */
    public static void main(String[] args) throws Exception {
        PrintStream parent = System.out;
        ByteArrayOutputStream early = new ByteArrayOutputStream();
        PrintStream held = new PrintStream(early, true, StandardCharsets.UTF_8);
        System.setOut(held);
        System.setErr(held);
        warm();
        if (args.length > 0) {
            SpareRehearsal.run(java.nio.file.Path.of(args[0], "rehearsal"));
        }
        parent.println(WARM_LINE);
        parent.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.indexOf('\t') < 0) {
            Runtime.getRuntime().halt(0); // the starting JVM is gone, or said nothing we run
        }
        String[] parts = line.split("\t", 2);
        OutputStream log = new FileOutputStream(parts[0], true);
        synchronized (early) {
            early.writeTo(log);
        }
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(out);
        Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) new String[] {parts[1]});
    }

    private static void warm() {
        ClassLoader loader = SpareServer.class.getClassLoader();
        for (String name : WARM) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // an older server lacks it: it is then loaded when needed
            }
        }
        try {
            Method platform = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getPlatformMBeanServer");
            platform.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no JMX here: ZooKeeper makes do without it as well
        }
    }
}
