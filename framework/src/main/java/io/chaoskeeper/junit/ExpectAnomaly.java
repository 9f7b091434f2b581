package io.chaoskeeper.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that the runs of this test must find these anomaly kinds (e.g. {@code not-linearizable},
 * {@code lock-not-exclusive}). The test then passes only if every declared kind is found, and fails with a clear
 * message when the run stayed clean. The same as {@link ChaosRun#expectAnomaly(String...)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExpectAnomaly {

    /** The anomaly kinds that must be found. */
    String[] value();
}
