package io.chaoskeeper.cluster.internal.local;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The main class of a spare server, local ({@link SparePool}) or in a container ({@code DockerSpares}): a JVM on a
 * server's jars that loads and initialises ZooKeeper's server classes and rehearses a start ({@link SpareRehearsal})
 * while no ensemble needs it, then waits for its node and runs {@code QuorumPeerMain} in the same JVM.
 * <ul>
 * <li>Local, {@code SpareServer <directory>}: rehearses in that directory, says {@value #WARM_LINE} on its standard
 * output, then waits on its standard input for one line, {@code <log file> TAB <zoo.cfg>}, and runs the server on
 * that config with its output appended to that log (what it printed while it waited comes first). When its input
 * ends before that line, because the JVM that started it is gone, it exits.</li>
 * <li>In a container, {@code SpareServer --await <go file> <zoo.cfg>}: rehearses under the temp directory, then
 * waits until the go file exists and runs the server on that config, output on its own standard output. A
 * restarted container, whose go file exists, starts its server at once.</li>
 * </ul>
 * It runs in the server's JVM: it may use nothing but the JDK.
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
    /** What a spare in a container prints once warm, before it waits for its go file. */
    public static final String AWAITING_LINE = "chaoskeeper: warm spare server, waiting for its node";
    /** The first argument of the container mode. */
    public static final String AWAIT = "--await";
    /** How often a container's spare looks for its go file: a stat, so the idle cost is nil. */
    private static final long AWAIT_POLL_MILLIS = 10;

    private SpareServer() {
    }

    /**
     * Warms up, then runs the server named on standard input.
     *
     * @param args the spare's own directory, where it rehearses (optional: without it, no rehearsal)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && AWAIT.equals(args[0])) {
            awaitThenRun(Path.of(args[1]), args[2]);
            return;
        }
        PrintStream parent = System.out;
        ByteArrayOutputStream early = new ByteArrayOutputStream();
        PrintStream held = new PrintStream(early, true, StandardCharsets.UTF_8);
        System.setOut(held);
        System.setErr(held);
        warm();
        if (args.length > 0) {
            SpareRehearsal.run(Path.of(args[0], "rehearsal"));
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
        runServer(parts[1]);
    }

    /** The container mode: warm up and rehearse unless the go file is there already, wait for it, run the server. */
    private static void awaitThenRun(Path go, String cfg) throws Exception {
        if (!Files.exists(go)) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(quiet);
            System.setErr(quiet);
            warm();
            if (!Files.exists(go)) { // taken already: the rehearsal would only delay the server
                SpareRehearsal.run(Path.of(System.getProperty("java.io.tmpdir"), "chaoskeeper-rehearsal"));
            }
            System.setOut(out);
            System.setErr(err);
            out.println(AWAITING_LINE);
            out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(AWAIT_POLL_MILLIS);
            }
        }
        runServer(cfg);
    }

    private static void runServer(String cfg) throws Exception {
        Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) new String[] {cfg});
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
