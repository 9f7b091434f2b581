package io.chaoskeeper.cluster.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Where {@link ServerJars} looks for a ZooKeeper version's jars, as the build running the tests sees them: the local
 * repository ({@code maven.repo.local}, which Maven passes on to the test JVM, else {@code ~/.m2/repository}), then
 * the remote repositories named by {@value #PROPERTY} (comma-separated URLs, e.g. a company mirror or a
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
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".m2", "repository");
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

    /** Both, in words, for messages: {@code /root/.m2/repository or https://repo.maven.apache.org/maven2/}. */
    static String describe() {
        return local() + " or " + String.join(", ", urls(System.getProperty(PROPERTY)));
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
