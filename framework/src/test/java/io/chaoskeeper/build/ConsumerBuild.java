package io.chaoskeeper.build;

import io.chaoskeeper.cluster.internal.MavenRepositories;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One build of {@code examples/consumer} by {@code consumer-build.sh} in its own process, against the framework jar
 * this build packaged, with the whole output in {@code <work>/build.log}.
 */
final class ConsumerBuild {

    /** {@code offline=<settings.offline>}, set by the framework pom: an offline build builds the example offline. */
    static final String OFFLINE = "chaoskeeper.build.offline";

    private final Path work;
    private final int exitCode;
    private final Duration limit;

    private ConsumerBuild(Path work, int exitCode, Duration limit) {
        this.work = work;
        this.exitCode = exitCode;
        this.limit = limit;
    }

    /**
     * Runs the build of framework {@code version} from the chaoskeeper root {@code root} in a fresh {@code work}
     * directory with the Maven command {@code maven}, killing it after {@code limit}.
     */
    static ConsumerBuild run(Path root, String version, Path work, Duration limit, String maven)
            throws IOException, InterruptedException {
        deleteTree(work);
        Files.createDirectories(work);
        ProcessBuilder script = new ProcessBuilder("sh", script().toString(), root.toString(), version,
                work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("build.log").toFile());
        script.environment().put("CHAOSKEEPER_SEED_REPO", MavenRepositories.local().toAbsolutePath().toString());
        script.environment().put("MAVEN_CMD", maven);
        boolean offline = "offline=true".equals(System.getProperty(OFFLINE));
        script.environment().put("CHAOSKEEPER_OFFLINE", Boolean.toString(offline));
        Process process = script.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return new ConsumerBuild(work, -1, limit);
        }
        return new ConsumerBuild(work, process.exitValue(), limit);
    }

    /** The version of the framework jar in {@code framework/target}, as {@code package} named it. */
    static String frameworkVersion(Path root) throws IOException {
        String prefix = "chaoskeeper-framework-";
        try (Stream<Path> files = Files.list(root.resolve("framework").resolve("target"))) {
            List<String> versions = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .filter(n -> !n.matches(".*-(sources|javadoc|tests)\\.jar"))
                    .map(n -> n.substring(prefix.length(), n.length() - ".jar".length()))
                    .toList();
            if (versions.size() != 1) {
                throw new IllegalStateException("framework/target should hold one framework jar, not " + versions
                        + ": run the package phase first.");
            }
            return versions.get(0);
        }
    }

    private static Path script() {
        try {
            return Paths.get(ConsumerBuild.class.getResource("consumer-build.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maven's exit code, or -1 when the build ran out of time and was killed. */
    int exitCode() {
        return exitCode;
    }

    /** What went wrong, in one sentence naming the log; null when the build passed. */
    String failure() {
        return switch (exitCode) {
            case 0 -> null;
            case -1 -> "examples/consumer did not build within " + limit.toSeconds() + " s and was stopped; its log is "
                    + log() + ".";
            case 127 -> "Maven could not be run (mvn is not on the PATH, or MAVEN_CMD names no command), so"
                    + " examples/consumer was not built; the log is " + log() + ".";
            default -> "examples/consumer failed to build against the framework installed in " + repository()
                    + " (exit " + exitCode + "); its log is " + log() + ".";
        };
    }

    /** The build's whole output. */
    Path log() {
        return work.resolve("build.log");
    }

    /** The copy of the example project that was built. */
    Path project() {
        return work.resolve("consumer");
    }

    /** The temporary local repository, which holds only what the build installed or took from the seed. */
    Path repository() {
        return work.resolve("repository");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
