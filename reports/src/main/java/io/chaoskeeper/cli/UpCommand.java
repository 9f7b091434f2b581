package io.chaoskeeper.cli;

import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.ZooKeeperNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chaoskeeper up}: starts a ZooKeeper ensemble in Docker, prints each node's connect string and a last line
 * {@code ready: N nodes in M ms}, then tears it down, or with {@code --hold} keeps it until Ctrl-C.
 */
@Command(name = "up",
        description = {"Starts a ZooKeeper ensemble in Docker and prints its connect strings.",
                "Exit 0 when it served with one leader; 2 on bad options or when it cannot start (one sentence)."})
public final class UpCommand implements Callable<Integer> {

    /** The switch of the Docker backend's warm spares (see the README). */
    private static final String SPARES = "chaoskeeper.docker.spares";

    @Spec
    private CommandSpec spec;

    // --version names the ZooKeeper version here, so the standard help mixin (which claims --version) cannot be used
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Servers, 1 to 9 (default 3).")
    private int nodes;

    // No initializer: reading ZooKeeperEnsemble.DEFAULT_VERSION here would load the cluster classes and SLF4J in
    // every command (picocli builds all subcommands), slowing the cold start of `check`.
    @Option(names = "--version", paramLabel = "V",
            description = "ZooKeeper server version (default: the version the framework manages).")
    private String version;

    @Option(names = "--hold", description = "Keep the ensemble until Ctrl-C instead of removing it at once.")
    private boolean hold;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "chaoskeeper-runs/ensembles",
            description = "Where each node's output is saved when the ensemble goes (default ${DEFAULT-VALUE}).")
    private Path logDirectory;

    @Override
    public Integer call() throws InterruptedException {
        // one ensemble per process: a warm spare for a next one would only cost CPU and memory while it is held
        System.setProperty(SPARES, System.getProperty(SPARES, "false"));
        ZooKeeperEnsemble ensemble;
        try {
            ensemble = new ZooKeeperEnsemble().withNodes(nodes)
                    .withVersion(version == null ? ZooKeeperEnsemble.DEFAULT_VERSION : version)
                    .withLogDirectory(logDirectory);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        try {
            ensemble.start();
        } catch (EnsembleException e) {
            spec.commandLine().getErr().println("chaoskeeper up: " + e.getMessage());
            return Main.USAGE;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (ZooKeeperNode node : ensemble.nodes()) {
            out.println(node.name() + " " + node.connectString() + " " + ensemble.mode(node).name().toLowerCase());
        }
        out.println("connect: " + ensemble.connectString());
        out.println("ready: " + nodes + " nodes in " + millis + " ms");
        out.flush();
        if (hold) {
            spec.commandLine().getErr().println("Holding ensemble " + ensemble.id()
                    + "; Ctrl-C removes it (logs go to " + logDirectory.resolve(ensemble.id()) + ").");
            // the framework's shutdown hook closes the ensemble on Ctrl-C
            new CountDownLatch(1).await();
        }
        ensemble.close();
        return 0;
    }
}
