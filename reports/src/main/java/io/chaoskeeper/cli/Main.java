package io.chaoskeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chaoskeeper} command-line tool ({@code java -jar reports/target/chaoskeeper.jar}).
 *
 * <p>Exit codes are shared by all commands: 0 success (all valid), 1 a check found a violation, 2 bad usage,
 * unreadable or malformed input (or an unexpected failure, in one sentence), 3 a check could not decide.
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
        // A failure nothing else caught is still one sentence, never a stack trace, and never 1 ("invalid").
        cli.setExecutionExceptionHandler(Main::unexpected);
        return cli.execute(args);
    }

    /** Prints an exception no command handled as one sentence and answers exit code 2. */
    static int unexpected(Exception ex, CommandLine commandLine, CommandLine.ParseResult parsed) {
        commandLine.getErr().println("chaoskeeper " + commandLine.getCommandName() + ": failed unexpectedly ("
                + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": "
                + ex.getMessage().lines().findFirst().orElse("")) + ")");
        return USAGE;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
