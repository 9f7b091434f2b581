package io.chaoskeeper.junit.internal;

import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds an ensemble in the JUnit store so that JUnit closes it when its scope ends, whatever happened, and replaces
 * it with a fresh one when a run left it diverged ({@link Divergence}). JUnit 5.10 closes
 * {@link ExtensionContext.Store.CloseableResource}s; JUnit 5.13+ and 6 close {@link AutoCloseable}s (and close a
 * value that is both only once).
 */
@SuppressWarnings("deprecation") // CloseableResource is what JUnit 5.10 closes
public final class EnsembleResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private ZooKeeperEnsemble ensemble;
    private String diverged;

    /** @param ensemble the ensemble to remove when the scope ends */
    public EnsembleResource(ZooKeeperEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    /** The current ensemble. */
    public synchronized ZooKeeperEnsemble ensemble() {
        return ensemble;
    }

    /** Records that a run left the ensemble unfit for the next one, and why. */
    public synchronized void markDiverged(String why) {
        diverged = why;
    }

    /**
     * Closes a diverged ensemble and starts {@code fresh} in its place.
     *
     * @return why it was replaced, or empty when it was fit and kept
     */
    public synchronized Optional<String> replaceIfDiverged(Supplier<ZooKeeperEnsemble> fresh) {
        if (diverged == null) {
            return Optional.empty();
        }
        String why = diverged;
        diverged = null;
        ensemble.close();
        ensemble = fresh.get(); // held before start(): a start that fails is still closed with the scope
        ensemble.start();
        return Optional.of(why);
    }

    @Override
    public synchronized void close() {
        ensemble.close();
    }
}
