package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.chaoskeeper.cluster.DockerUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds the docker-java client the framework uses. We build it ourselves instead of asking Testcontainers'
 * {@code DockerClientFactory}: that factory starts Ryuk (its image cannot be pulled here) and, inside a container
 * ({@code /.dockerenv}), probes the host with a helper image, unless environment variables are set that a CLI or a
 * user's JVM does not have. Our client reads the usual docker-java settings ({@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, {@code ~/.docker-java.properties}) and needs nothing else.
 */
public final class DockerClients {

    /** How long the first ping may take before we call the engine unreachable. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** The host each client we made talks to, so that an error can name the engine (docker-java has no getter). */
    private static final Map<DockerClient, String> HOSTS = Collections.synchronizedMap(new WeakHashMap<>());

    private DockerClients() {
    }

    /** A client for the configured engine, which has answered a ping; else {@link DockerUnavailableException}. */
    public static DockerClient connect() {
        return connect(null);
    }

    /** Like {@link #connect()}, at this host (e.g. {@code unix:///var/run/docker.sock}) when it is not null. */
    public static DockerClient connect(String dockerHost) {
        DockerClientConfig config;
        try {
            DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
            if (dockerHost != null) {
                builder.withDockerHost(dockerHost);
            }
            config = builder.build();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException("The Docker settings are invalid (" + e.getMessage()
                    + "): fix DOCKER_HOST or unset it to use the local socket.", e);
        }
        String host = String.valueOf(config.getDockerHost());
        DockerClient client = null;
        try {
            client = client(config);
            HOSTS.put(client, host);
            DockerClient pinged = client;
            // bounded: an engine that accepts connections but never answers must not hang us (the read has no
            // timeout, as image builds and log streams may be silent for long)
            CompletableFuture.runAsync(() -> pinged.pingCmd().exec(), Threads.POOL)
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            closeQuietly(client);
            throw new DockerUnavailableException("No Docker engine answers at " + host
                    + ": start one (bin/provision does) or set DOCKER_HOST.", e);
        } catch (InterruptedException e) {
            closeQuietly(client);
            Thread.currentThread().interrupt();
            throw new DockerUnavailableException("Interrupted while asking " + host + " for a Docker engine.", e);
        }
    }

    /** The engine a client talks to, in words: "the Docker engine at unix:///…" when we made the client. */
    public static String describe(DockerClient client) {
        String host = HOSTS.get(client);
        return host == null ? "the Docker engine" : "the Docker engine at " + host;
    }

    private static void closeQuietly(DockerClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // it never worked
            }
        }
    }

    private static DockerClient client(DockerClientConfig config) {
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(PROBE_TIMEOUT)
                .maxConnections(32)
                .build());
    }
}
