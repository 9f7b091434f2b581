package io.chaoskeeper.junit.internal;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.fault.Fault;
import io.chaoskeeper.fault.FaultInjector;
import io.chaoskeeper.fault.UnsupportedFaultException;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * Skips a chaos test whose faults its ensemble's backend cannot apply (e.g. packet loss on the local backend), with
 * the backend's sentence, before anything runs: a schedule that silently left out a fault would pass untested.
 */
public final class UnsupportedFaults {

    private UnsupportedFaults() {
    }

    /** Aborts the current test if the ensemble's backend cannot apply one of {@code faults}. */
    public static void abortIfAny(ZooKeeperEnsemble ensemble, List<Fault> faults) {
        if (ensemble.backend() != Backend.LOCAL) {
            return; // Docker applies every fault
        }
        try (FaultInjector injector = FaultInjector.forEnsemble(ensemble)) {
            for (Fault fault : faults) {
                injector.checkSupported(fault);
            }
        } catch (UnsupportedFaultException e) {
            throw new TestAbortedException(e.getMessage());
        }
    }
}
