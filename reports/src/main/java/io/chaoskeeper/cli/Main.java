package io.chaoskeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chaoskeeper} command-line tool ({@code java -jar reports/target/chaoskeeper.jar}).
 *
 * <p>Exit codes are shared by all commands: 0 success (all valid), 1 a check found a violation, 2 bad usage or
 * unreadable input, 3 a check could not decide.
 */
@Command(name = "chaoskeeper", mixinStandardHelpOptions = true,
        description = "Chaos and consistency testing for Apache ZooKeeper.",
        subcommands = {
                UpCommand.class,
                CheckCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                LogsCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code for bad usage or unreadable input. */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Bad usage is one sentence and exit 2, not a usage dump with a stack trace.
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("chaoskeeper: " + ex.getMessage()
                    + " (see 'chaoskeeper " + ex.getCommandLine().getCommandName() + " --help')");
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
