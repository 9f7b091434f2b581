package io.chaoskeeper.cluster.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.CodeSource;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.ZooKeeper;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Where {@link ServerJars} looks for a ZooKeeper version's jars, as the build running the tests sees them: the local
 * repository ({@code maven.repo.local}, which Surefire passes on to the test JVM, else the Maven repository holding
 * the ZooKeeper client jar this JVM runs on, e.g. one a {@code settings.xml} names, else {@code ~/.m2/repository}),
 * then the remote repositories named by {@value #PROPERTY} (comma-separated URLs, e.g. a company mirror or a
 * {@code file://} repository on a machine without the internet), else Maven Central.
 */
public final class MavenRepositories {

    /** The system property naming the remote repositories. */
    static final String PROPERTY = "chaoskeeper.maven.repositories";
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenRepositories() {
    }

    /** The local repository. */
    public static Path local() {
        return local(System.getProperty("maven.repo.local"), clientJar());
    }

    /** The local repository, given {@code maven.repo.local} (or null) and the ZooKeeper client jar, if known. */
    static Path local(String configured, Optional<Path> clientJar) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return clientJar.flatMap(jar -> repositoryHolding(jar, "org.apache.zookeeper", "zookeeper"))
                .orElse(Paths.get(System.getProperty("user.home"), ".m2", "repository"));
    }

    /**
     * The Maven repository {@code jar} lies in, if it lies where that layout puts artifact {@code group:artifact}:
     * {@code <repository>/<group path>/<artifact>/<version>/<artifact>-<version>.jar}.
     */
    static Optional<Path> repositoryHolding(Path jar, String group, String artifact) {
        Path version = jar.toAbsolutePath().getParent();
        if (version == null || !jar.getFileName().toString().equals(artifact + "-" + version.getFileName() + ".jar")) {
            return Optional.empty();
        }
        Path dir = version.getParent();
        List<String> names = new ArrayList<>(Arrays.asList(group.split("\\.")));
        names.add(artifact);
        for (int i = names.size() - 1; i >= 0; i--) {
            if (dir == null || dir.getFileName() == null || !dir.getFileName().toString().equals(names.get(i))) {
                return Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.ofNullable(dir);
    }

    /** The jar this JVM loaded ZooKeeper's client from, if it came from a jar file. */
    static Optional<Path> clientJar() {
        try {
            CodeSource source = ZooKeeper.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Paths.get(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The remote repositories, Maven Central unless {@value #PROPERTY} names others. */
    static List<RemoteRepository> remote() {
        List<String> urls = urls(System.getProperty(PROPERTY));
        List<RemoteRepository> repositories = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            repositories.add(new RemoteRepository.Builder(i == 0 ? "central" : "remote" + i, "default", urls.get(i))
                    .build());
        }
        return repositories;
    }

    /** The URLs of a {@value #PROPERTY} value; {@link IllegalArgumentException} naming the setting for a non-URL. */
    static List<String> urls(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of(CENTRAL);
        }
        List<String> urls = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String url : urls) {
            String scheme = URI.create(url).getScheme();
            if (scheme == null || !List.of("http", "https", "file").contains(scheme)) {
                throw new IllegalArgumentException(PROPERTY + " must list http, https or file URLs, not '" + url
                        + "'.");
            }
        }
        return urls;
    }

    /** Both, in words, for messages: {@code /root/.m2/repository or Maven Central}. */
    static String describe() {
        return local() + " or " + String.join(", ", urls(System.getProperty(PROPERTY)).stream()
                .map(url -> url.equals(CENTRAL) ? "Maven Central" : url).toList());
    }

    /** A short hash of both: jars resolved from other repositories are remembered apart. */
    static String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(describe().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
