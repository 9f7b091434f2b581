package io.chaoskeeper.cluster;

import java.util.Locale;

/**
 * Where an ensemble's servers run. Chosen with {@link ZooKeeperEnsemble#withBackend(Backend)}, else the system
 * property (or JUnit configuration parameter) {@value #PROPERTY}, else the environment variable
 * {@value #ENVIRONMENT}, else {@link #AUTO}.
 */
public enum Backend {
    /** Each server in a Docker container; every fault is available. */
    DOCKER,
    /**
     * Each server a child JVM of this one on 127.0.0.1, its peer and client traffic through in-JVM proxies; needs
     * no Docker and no root. Packet loss, duplication and reordering cannot be applied.
     */
    LOCAL,
    /** Docker when an engine answers, the local backend otherwise (the default); the choice is logged. */
    AUTO;

    /** The system property and JUnit configuration parameter that choose the backend. */
    public static final String PROPERTY = "chaoskeeper.backend";
    /** The environment variable that chooses the backend when the property is not set. */
    public static final String ENVIRONMENT = "CHAOSKEEPER_BACKEND";

    /** {@code docker}, {@code local} or {@code auto}, in any case; one sentence naming the setting otherwise. */
    public static Backend parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(PROPERTY + " must be docker, local or auto, not '" + value + "'.");
        }
    }

    /** The backend the system property, else the environment, asks for; {@link #AUTO} when neither does. */
    public static Backend configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        return value == null || value.isBlank() ? AUTO : parse(value);
    }

    /** Lower case, as in {@code run.json}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
