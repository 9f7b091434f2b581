package io.chaoskeeper.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a ZooKeeper ensemble in Docker. The extension starts the ensemble, injects it (and a
 * {@link ChaosRun} and the run output directory, by parameter or {@link ChaosInject} field), removes it afterwards
 * even when a test or the setup fails, and turns a checker's verdict into the test's outcome.
 *
 * <pre>{@code
 * @ZooKeeperChaos(nodes = 5)
 * class CasRegisterIT {
 *     @Test
 *     void staysLinearizable(ChaosRun chaos) {
 *         chaos.withWorkload(Workloads.casRegister())
 *              .withFaults(FaultSchedules.random().mix(Faults.partitionRandomHalves(), 1))
 *              .withCheckers(LinearizabilityChecker.of(Models.znode()))
 *              .run();
 *     }
 * }
 * }</pre>
 *
 * <p>Settings may be overridden per run with JUnit configuration parameters or system properties:
 * {@code chaoskeeper.seed}, {@code chaoskeeper.duration} (e.g. {@code 60s}), {@code chaoskeeper.zookeeper.version}
 * (when {@link #version()} is empty), {@code chaoskeeper.zookeeper.versions} (a sweep, e.g. {@code 3.8.4,3.9.4}),
 * {@code chaoskeeper.output.dir}, {@code chaoskeeper.docker.host} and {@code chaoskeeper.docker.missing}
 * ({@code abort}, {@code disable} or {@code fail}), and {@code chaoskeeper.backend} ({@code docker}, {@code local}
 * or {@code auto}, the default: Docker when an engine answers, else local child JVMs).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Tag("chaos")
@ExtendWith(ChaosExtension.class)
public @interface ZooKeeperChaos {

    /** How long an ensemble lives. */
    enum Lifecycle {
        /** One ensemble for all tests of the class (the default: ensembles take seconds to start). */
        PER_CLASS,
        /** A fresh ensemble for each test method. */
        PER_METHOD
    }

    /** The number of servers (1 to 9). */
    int nodes() default 3;

    /** The ZooKeeper version; empty means {@code chaoskeeper.zookeeper.version} or the framework's default. */
    String version() default "";

    /**
     * A version sweep: each test runs once per version, on an ensemble of that version, into
     * {@code <run directory>/<version>/}; {@code chaoskeeper.zookeeper.versions} overrides it. Empty: one version.
     */
    String[] versions() default {};

    /** One ensemble per class or per method. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** The server tick in milliseconds; 0 keeps the ensemble's default (200 ms). */
    int tickTimeMs() default 0;

    /** Ticks a follower may lag behind the leader; 0 keeps the ensemble's default. */
    int syncLimit() default 0;

    /** More {@code zoo.cfg} settings as {@code key=value}. */
    String[] serverProperties() default {};
}
