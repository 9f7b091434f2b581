package io.chaoskeeper.cluster.internal.local;

import io.chaoskeeper.cluster.internal.EnsembleSpec;
import io.chaoskeeper.cluster.internal.ZooCfg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One local node's files and command line: {@code <ensemble dir>/zkN/} holds {@code data/} (with {@code myid}),
 * {@code zoo.cfg} and the clock file. In its {@code zoo.cfg} the node itself is at its real loopback ports and
 * every peer at the proxy ports of the pair node → peer, so all traffic between nodes crosses the proxies.
 */
final class LocalNode {

    /** The clock agent's file, in the node's directory. */
    static final String CLOCK_FILE = "clock";
    private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    private final Path directory;
    private final Path ensembleDirectory;
    private final int id;
    private final EnsembleSpec spec;
    private final LocalNetwork network;
    private final int quorumPort;
    private final int electionPort;
    private final int clientPort;

    LocalNode(Path ensembleDirectory, int id, EnsembleSpec spec, LocalNetwork network, int quorumPort,
              int electionPort, int clientPort) {
        this.ensembleDirectory = ensembleDirectory;
        this.directory = ensembleDirectory.resolve("zk" + id);
        this.id = id;
        this.spec = spec;
        this.network = network;
        this.quorumPort = quorumPort;
        this.electionPort = electionPort;
        this.clientPort = clientPort;
    }

    /**
     * What every server of an ensemble runs, without its own files: java, the clock agent (its file to be added),
     * the JVM options, the class path and the main class.
     */
    static List<String> baseCommand(EnsembleSpec spec, List<Path> jars, Path agent) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agent);
        Arrays.stream(spec.jvmOptions().trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
        command.add("-cp");
        command.add(jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(MAIN);
        return command;
    }

    /** A {@link #baseCommand} completed with a server's clock file, class-data archive (or null) and config. */
    static List<String> withFiles(List<String> base, Path clockFile, Path archive, Path cfg) {
        List<String> command = new ArrayList<>(base);
        command.set(1, base.get(1) + "=" + clockFile);
        if (archive != null) {
            command.add(1, "-XX:SharedArchiveFile=" + archive);
        }
        command.add(cfg.toString());
        return command;
    }

    /**
     * Writes the node's files and returns its (not yet started) server, whose clock agent reads {@code clockFile}
     * (null: the node's own {@link #CLOCK_FILE}).
     */
    ServerProcess prepare(List<String> baseCommand, Path archive, Path clockFile) throws IOException {
        Path clock = clockFile != null ? clockFile : directory.resolve(CLOCK_FILE);
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.writeString(data.resolve("myid"), Integer.toString(id));
        Path cfg = Files.writeString(directory.resolve("zoo.cfg"), zooCfg());
        return new ServerProcess("zk" + id, withFiles(baseCommand, clock, archive, cfg),
                spec.logDirectory().resolve("zk" + id + ".log"), ensembleDirectory.resolve("zk" + id + ".pid"), clock);
    }

    private String zooCfg() {
        StringBuilder cfg = new StringBuilder()
                .append("dataDir=").append(directory.resolve("data")).append('\n')
                .append("clientPort=").append(clientPort).append('\n')
                .append("clientPortAddress=127.0.0.1\n")
                .append("standaloneEnabled=false\n");
        // never reconfigEnabled: each server names its peers by its own proxies' ports, and with reconfiguration on
        // the leader's configuration (its own view) would reach the followers, which then bind the leader's ports and
        // exit; membership changes are refused on this backend anyway
        spec.settings().forEach((k, v) -> {
            if (!k.equals(ZooCfg.RECONFIG_ENABLED)) {
                cfg.append(k).append('=').append(v).append('\n');
            }
        });
        // loopback only: the node's own ports are reached through the proxies, never from outside this host
        cfg.append("quorumListenOnAllIPs=false\n");
        for (int peer = 1; peer <= spec.size(); peer++) {
            int quorum = peer == id ? quorumPort : network.quorumPort(id, peer);
            int election = peer == id ? electionPort : network.electionPort(id, peer);
            cfg.append("server.").append(peer).append("=127.0.0.1:").append(quorum).append(':').append(election)
                    .append('\n');
        }
        return cfg.toString();
    }
}
