package io.chaoskeeper.cluster.internal;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.DockerUnavailableException;
import io.chaoskeeper.cluster.internal.local.LocalBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks an ensemble's backend: the one asked for, or for {@link Backend#AUTO} Docker if an engine answers. */
public final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /**
     * The backend for {@code requested}, its Docker client connected when it is Docker; a
     * {@link DockerUnavailableException} when Docker was asked for by name and does not answer.
     */
    public static EnsembleBackend choose(Backend requested, String dockerHost) {
        return switch (requested) {
            case DOCKER -> new DockerBackend(DockerClients.connect(dockerHost), dockerHost);
            case LOCAL -> {
                LOG.info("Local backend: {}=local was asked for", Backend.PROPERTY);
                yield new LocalBackend();
            }
            case AUTO -> {
                try {
                    DockerBackend docker = new DockerBackend(DockerClients.connect(dockerHost), dockerHost);
                    LOG.info("Docker backend: a Docker engine answers ({}=auto)", Backend.PROPERTY);
                    yield docker;
                } catch (DockerUnavailableException e) {
                    LOG.info("Local backend: {} ({}=auto; Docker-only faults will be skipped)", e.getMessage(),
                            Backend.PROPERTY);
                    yield new LocalBackend();
                }
            }
        };
    }
}
