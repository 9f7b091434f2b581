package io.chaoskeeper.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field the extension fills before each test: a {@link io.chaoskeeper.cluster.ZooKeeperEnsemble}, a
 * {@link ChaosRun} or the run output directory as a {@link java.nio.file.Path}. Static fields may only hold the
 * ensemble, and only with the per-class lifecycle.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ChaosInject {
}
