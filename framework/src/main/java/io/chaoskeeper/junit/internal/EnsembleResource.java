package io.chaoskeeper.junit.internal;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds an ensemble in the JUnit store so that JUnit closes it when its scope ends, whatever happened. JUnit 5.10
 * closes {@link ExtensionContext.Store.CloseableResource}s; JUnit 5.13+ and 6 close {@link AutoCloseable}s (and
 * close a value that is both only once).
 *
 * @param ensemble the ensemble to remove when the scope ends
 */
@SuppressWarnings("deprecation") // CloseableResource is what JUnit 5.10 closes
public record EnsembleResource(ZooKeeperEnsemble ensemble) implements ExtensionContext.Store.CloseableResource,
        AutoCloseable {

    @Override
    public void close() {
        ensemble.close();
    }
}
