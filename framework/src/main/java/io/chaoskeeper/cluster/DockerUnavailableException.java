package io.chaoskeeper.cluster;

/**
 * No Docker engine answers where the client looks for one ({@code DOCKER_HOST}, else the local socket). Test
 * integrations turn this into an aborted (skipped) test rather than a failure: the code under test was never run.
 */
public final class DockerUnavailableException extends EnsembleException {

    /** @param message one sentence naming the Docker host and what to do */
    public DockerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
