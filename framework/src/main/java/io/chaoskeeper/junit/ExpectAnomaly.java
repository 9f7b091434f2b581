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
 *
 * <pre>{@code @ExpectAnomaly(value = "not-linearizable", finding = "docs/findings/stale-follower-reads.md")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExpectAnomaly {

    /** The anomaly kinds that must be found. */
    String[] value();

    /**
     * The page that explains why the anomaly is expected, e.g. {@code docs/findings/sync-read-on-leader.md}
     * (default: none); the run index and the report link it. The same as {@link ChaosRun#withFinding(String)}.
     */
    String finding() default "";
}
