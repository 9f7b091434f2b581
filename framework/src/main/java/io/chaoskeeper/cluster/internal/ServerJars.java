package io.chaoskeeper.cluster.internal;

import io.chaoskeeper.cluster.EnsembleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * The jars a ZooKeeper server of one version runs on, resolved like Maven would: the runtime closure of
 * {@code org.apache.zookeeper:zookeeper:V}, plus what the distribution ships but the pom marks provided (metrics-core,
 * snappy-java) and an SLF4J binding matching the server's slf4j-api. Looked up in the local repository first, then
 * the remote ones ({@link MavenRepositories}: Maven Central unless {@code chaoskeeper.maven.repositories} names
 * others).
 */
public final class ServerJars {

    private ServerJars() {
    }

    /**
     * The jars, in a stable order; {@link EnsembleException} if the version does not exist or cannot be fetched.
     * A resolved list is remembered in a file under the temp directory, per version and repositories: starting the
     * resolver costs a fresh JVM most of a second, and released jars in the local repository do not change.
     */
    public static List<Path> resolve(String version) {
        Path remembered = Paths.get(System.getProperty("java.io.tmpdir"), "chaoskeeper-" + System.getProperty("user.name"),
                "zookeeper-" + version + "-" + MavenRepositories.key() + ".jars");
        List<Path> jars = readRemembered(remembered);
        if (jars.isEmpty()) {
            jars = resolveWithMaven(version);
            remember(remembered, jars);
        }
        return jars;
    }

    /** The remembered jars, or none if there is no list or one of its jars is gone. */
    static List<Path> readRemembered(Path file) {
        try {
            List<Path> jars = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Paths::get).toList();
            return jars.stream().allMatch(Files::isRegularFile) ? jars : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static void remember(Path file, List<Path> jars) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temp, jars.stream().map(Path::toString).toList());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only a cache: the next run resolves again
        }
    }

    private static List<Path> resolveWithMaven(String version) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = session(system);
            List<RemoteRepository> repos = MavenRepositories.remote();
            Artifact server = new DefaultArtifact("org.apache.zookeeper:zookeeper:" + version);
            try {
                system.resolveArtifact(session, new ArtifactRequest(server, repos, null));
            } catch (ArtifactResolutionException e) {
                if (e.getResult().isMissing()) {
                    throw new EnsembleException("ZooKeeper " + version + " is not in "
                            + MavenRepositories.describe() + ": name a released version such as 3.9.4 or 3.8.4.", e);
                }
                throw e;
            }
            ArtifactDescriptorResult pom = system.readArtifactDescriptor(session,
                    new ArtifactDescriptorRequest(server, repos, null));
            CollectRequest collect = new CollectRequest();
            collect.setRepositories(repos);
            collect.setRoot(new Dependency(server, JavaScopes.RUNTIME, false, List.of(
                    // TLS natives for every platform: tens of MB the tests never use
                    new Exclusion("io.netty", "netty-tcnative-boringssl-static", "*", "*"),
                    new Exclusion("io.netty", "netty-tcnative-classes", "*", "*"),
                    // optional in the pom, but a root's optional dependencies resolve: we bind slf4j-simple instead
                    new Exclusion("ch.qos.logback", "*", "*", "*"))));
            providedByDistribution(pom, "io.dropwizard.metrics", "metrics-core").ifPresent(collect::addDependency);
            providedByDistribution(pom, "org.xerial.snappy", "snappy-java").ifPresent(collect::addDependency);
            pom.getDependencies().stream()
                    .filter(d -> d.getArtifact().getArtifactId().equals("slf4j-api"))
                    .findFirst()
                    .map(d -> new Dependency(new DefaultArtifact("org.slf4j:slf4j-simple:"
                            + d.getArtifact().getVersion()), JavaScopes.RUNTIME))
                    .ifPresent(collect::addDependency);
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults()) {
                jars.add(r.getArtifact().getFile().toPath());
            }
            jars.sort(null);
            return jars;
        } catch (EnsembleException e) {
            throw e;
        } catch (Exception e) {
            throw new EnsembleException("The jars of ZooKeeper " + version + " cannot be resolved from "
                    + MavenRepositories.describe() + " (" + firstLine(e) + ").", e);
        } finally {
            system.shutdown();
        }
    }

    private static DefaultRepositorySystemSession session(RepositorySystem system) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setSystemProperties(System.getProperties());
        session.setConfigProperty("aether.connector.connectTimeout", 5_000);
        session.setConfigProperty("aether.connector.requestTimeout", 60_000);
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(MavenRepositories.local().toFile())));
        return session;
    }

    private static Optional<Dependency> providedByDistribution(ArtifactDescriptorResult pom, String group,
            String artifact) {
        return pom.getDependencies().stream()
                .filter(d -> d.getArtifact().getGroupId().equals(group)
                        && d.getArtifact().getArtifactId().equals(artifact))
                .findFirst()
                .map(d -> new Dependency(d.getArtifact(), JavaScopes.RUNTIME));
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
