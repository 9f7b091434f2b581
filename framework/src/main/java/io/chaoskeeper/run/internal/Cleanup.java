package io.chaoskeeper.run.internal;

/**
 * Runs a run's cleanup steps one after another, each whatever the others did, and keeps the first failure: the
 * run's own if it had one, else the first step that failed, in one sentence. So a failing heal cannot leave the
 * history unclosed or the run's files unwritten.
 */
public final class Cleanup {

    /** One cleanup step. */
    @FunctionalInterface
    public interface Step {
        /** Does the step; any exception is caught and kept. */
        void run() throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(Cleanup.class.getName());

    private final String runName;
    private RuntimeException failure;

    private Cleanup(String runName, RuntimeException failure) {
        this.runName = runName;
        this.failure = failure;
    }

    /** Starts the cleanup of a run that failed with {@code failure}, or null when it did not. */
    public static Cleanup after(String runName, RuntimeException failure) {
        return new Cleanup(runName, failure);
    }

    /** Runs the step (skipped when null); a failure is logged and kept when it is the first. */
    public Cleanup step(String what, Step step) {
        if (step == null) {
            return this;
        }
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keep(what, e);
        } catch (Exception e) {
            keep(what, e);
        }
        return this;
    }

    /** The run's failure, else the first failed step's, else null. */
    public RuntimeException failure() {
        return failure;
    }

    private void keep(String what, Exception e) {
        LOG.log(System.Logger.Level.WARNING, "run " + runName + ": " + what + " failed: " + e);
        if (failure == null) {
            failure = new IllegalStateException("run " + runName + " failed while " + what + ": " + e.getMessage(), e);
        }
    }
}
