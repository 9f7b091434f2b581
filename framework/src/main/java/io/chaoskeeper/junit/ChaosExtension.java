package io.chaoskeeper.junit;

import io.chaoskeeper.cluster.Backend;
import io.chaoskeeper.cluster.DockerUnavailableException;
import io.chaoskeeper.cluster.ZooKeeperEnsemble;
import io.chaoskeeper.cluster.internal.DockerClients;
import io.chaoskeeper.junit.internal.ChaosConfig;
import io.chaoskeeper.junit.internal.EnsembleResource;
import io.chaoskeeper.junit.internal.Publishing;
import io.chaoskeeper.junit.internal.VersionSweep;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit Jupiter extension behind {@link ZooKeeperChaos}; register it through that annotation. It starts the
 * ensemble before the class (or each method), keeps it in the JUnit store so that it is removed even when a test or
 * the setup fails, injects it with a {@link ChaosRun} and the output directory, and aborts, disables or fails tests
 * when no Docker engine answers (see {@code chaoskeeper.docker.missing}).
 */
public final class ChaosExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChaosExtension.class);
    private static final String ENSEMBLE = "ensemble";
    private static final String RUN = "run";
    private static final String DOCKER_PROBE = "docker-probe";

    /** Created by JUnit. */
    public ChaosExtension() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ChaosConfig config = config(context);
        if (config.dockerMissing() != ChaosConfig.DockerMissing.DISABLE) {
            return ConditionEvaluationResult.enabled("chaoskeeper.docker.missing is not 'disable'");
        }
        Backend backend = config.backend() != null ? config.backend() : Backend.configured();
        if (backend != Backend.DOCKER) {
            return ConditionEvaluationResult.enabled("the local backend runs without Docker");
        }
        String reason = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                DOCKER_PROBE + ":" + config.dockerHost(), k -> probeDocker(config.dockerHost()), String.class);
        return reason.isEmpty() ? ConditionEvaluationResult.enabled("a Docker engine answers")
                : ConditionEvaluationResult.disabled(reason);
    }

    private static String probeDocker(String host) {
        try {
            DockerClients.connect(host).close();
            return "";
        } catch (DockerUnavailableException e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ZooKeeperChaos settings = ownAnnotation(context.getRequiredTestClass());
        if (settings != null && settings.lifecycle() == ZooKeeperChaos.Lifecycle.PER_CLASS) {
            start(context, settings);
        }
        for (Field field : injectedFields(context.getRequiredTestClass(), true)) {
            if (field.getType() != ZooKeeperEnsemble.class || lifecycle(context) != ZooKeeperChaos.Lifecycle.PER_CLASS) {
                throw new ExtensionConfigurationException("Static @ChaosInject field " + field.getName() + " in "
                        + field.getDeclaringClass().getSimpleName() + " can only hold a ZooKeeperEnsemble with the "
                        + "per-class lifecycle; make it an instance field.");
            }
            set(field, null, ensemble(context));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lifecycle(context) == ZooKeeperChaos.Lifecycle.PER_METHOD) {
            start(context, annotation(context));
        } else {
            replaceIfDiverged(context);
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : injectedFields(instance.getClass(), false)) {
                set(field, instance, resolve(field.getType(), field.getName(), false, context));
            }
        }
    }

    /** A per-class ensemble that a test's run left diverged is not handed to the next test (see Divergence). */
    @Override
    public void afterEach(ExtensionContext context) {
        ChaosRun run = context.getStore(NAMESPACE).get(RUN, ChaosRun.class);
        EnsembleResource resource = context.getStore(NAMESPACE).get(ENSEMBLE, EnsembleResource.class);
        if (run != null && resource != null && lifecycle(context) == ZooKeeperChaos.Lifecycle.PER_CLASS) {
            run.divergence().ifPresent(why -> resource.markDiverged(context.getDisplayName() + ": " + why));
        }
    }

    private void replaceIfDiverged(ExtensionContext context) {
        EnsembleResource resource = context.getStore(NAMESPACE).get(ENSEMBLE, EnsembleResource.class);
        if (resource == null) {
            return;
        }
        resource.replaceIfDiverged(() -> fresh(context, annotation(context))).ifPresent(why -> {
            System.getLogger(ChaosExtension.class.getName()).log(System.Logger.Level.WARNING, "chaoskeeper: "
                    + "a fresh ensemble for " + context.getDisplayName() + ", since the last run left the class's "
                    + "ensemble diverged (" + why + ")");
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
                injectedFields(c, true).forEach(field -> set(field, null, resource.ensemble()));
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ZooKeeperEnsemble.class || type == ChaosRun.class
                || parameter.isAnnotated(OutputDirectory.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return resolve(parameter.getParameter().getType(), "parameter " + parameter.getIndex() + " of "
                + parameter.getDeclaringExecutable().getName(), parameter.isAnnotated(OutputDirectory.class), context);
    }

    private Object resolve(Class<?> type, String name, boolean outputAnnotated, ExtensionContext context) {
        if (outputAnnotated || type == Path.class) {
            if (type != Path.class) {
                throw new ParameterResolutionException("@OutputDirectory " + name + " must be a java.nio.file.Path, "
                        + "not " + type.getSimpleName() + ".");
            }
            return outputDirectory(context);
        }
        if (type == ZooKeeperEnsemble.class) {
            return ensemble(context);
        }
        if (type == ChaosRun.class) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("A ChaosRun belongs to one test method: inject it into a "
                        + "test method or an instance field, not into " + name + " of a class-level callback.");
            }
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(RUN, k -> newRun(context), ChaosRun.class);
        }
        throw new ParameterResolutionException("@ChaosInject field " + name + " has type " + type.getSimpleName()
                + ", but chaoskeeper injects only ZooKeeperEnsemble, ChaosRun and Path (the output directory).");
    }

    private ChaosRun newRun(ExtensionContext context) {
        ChaosConfig config = config(context);
        Method method = context.getRequiredTestMethod();
        Optional<ExpectAnomaly> expectation = AnnotationSupport.findAnnotation(method, ExpectAnomaly.class);
        List<String> expected = expectation.map(a -> List.of(a.value())).orElse(List.of());
        Class<?> outermost = context.getRequiredTestClass();
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        String reproduce = "mvn verify -Dit.test=" + outermost.getSimpleName() + "#" + method.getName();
        ZooKeeperChaos settings = annotation(context);
        ChaosRun run = new ChaosRun(ensemble(context), outputDirectory(context), method.getName(), config.seed(),
                config.duration(), expected, reproduce, (dir, report) -> Publishing.publish(context, dir, report),
                sweep(context, settings), version -> configure(settings, config).withVersion(version))
                .withFaultDensity(config.soak() ? 2 : 1);
        expectation.map(ExpectAnomaly::finding).filter(f -> !f.isBlank()).ifPresent(run::withFinding);
        return run;
    }

    private void start(ExtensionContext context, ZooKeeperChaos settings) {
        ChaosConfig config = config(context);
        ZooKeeperEnsemble ensemble = fresh(context, settings);
        // stored before start() so that the store closes it whatever happens next
        context.getStore(NAMESPACE).put(ENSEMBLE, new EnsembleResource(ensemble));
        try {
            ensemble.start();
        } catch (DockerUnavailableException e) {
            if (config.dockerMissing() == ChaosConfig.DockerMissing.FAIL) {
                throw e;
            }
            throw new TestAbortedException(e.getMessage());
        }
    }

    /** A new ensemble for the test class (not started); in a version sweep, of its first version. */
    private static ZooKeeperEnsemble fresh(ExtensionContext context, ZooKeeperChaos settings) {
        ZooKeeperEnsemble ensemble = configure(settings, config(context));
        VersionSweep sweep = sweep(context, settings);
        if (sweep.isSweep()) {
            ensemble.withVersion(sweep.versions().get(0)); // the sweep's first version runs on the class's ensemble
        }
        return ensemble;
    }

    static ZooKeeperEnsemble configure(ZooKeeperChaos settings, ChaosConfig config) {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(settings.nodes());
        String version = !settings.version().isEmpty() ? settings.version() : config.version();
        if (version != null) {
            ensemble.withVersion(version);
        }
        if (settings.tickTimeMs() > 0) {
            ensemble.withTickTime(Duration.ofMillis(settings.tickTimeMs()));
        }
        if (settings.syncLimit() > 0) {
            ensemble.withSyncLimit(settings.syncLimit());
        }
        for (String property : settings.serverProperties()) {
            int eq = property.indexOf('=');
            if (eq < 1) {
                throw new ExtensionConfigurationException("serverProperties entries are key=value, not '"
                        + property + "'.");
            }
            ensemble.withServerProperty(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        if (config.dockerHost() != null) {
            ensemble.withDockerHost(config.dockerHost());
        }
        if (config.backend() != null) {
            ensemble.withBackend(config.backend());
        }
        return ensemble;
    }

    private static VersionSweep sweep(ExtensionContext context, ZooKeeperChaos settings) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("sweep:" + String.join(",",
                settings.versions()), k -> VersionSweep.from(context::getConfigurationParameter, settings.versions()),
                VersionSweep.class);
    }

    private static ZooKeeperEnsemble ensemble(ExtensionContext context) {
        EnsembleResource resource = context.getStore(NAMESPACE).get(ENSEMBLE, EnsembleResource.class);
        if (resource == null) {
            throw new ExtensionConfigurationException("No ensemble is running for " + context.getDisplayName()
                    + ": annotate the test class with @ZooKeeperChaos.");
        }
        return resource.ensemble();
    }

    private static Path outputDirectory(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        String name = testClass.getName().substring(testClass.getPackageName().length()).replaceFirst("^\\.", "")
                .replace('$', '.'); // nested classes: no '$' in paths people type
        return config(context).outputDir().resolve(name);
    }

    private static ChaosConfig config(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("config",
                k -> ChaosConfig.from(context::getConfigurationParameter), ChaosConfig.class);
    }

    private static ZooKeeperChaos.Lifecycle lifecycle(ExtensionContext context) {
        return annotation(context).lifecycle();
    }

    /** The annotation of the test class, its superclasses or, for nested classes, the nearest enclosing class. */
    private static ZooKeeperChaos annotation(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ZooKeeperChaos found = c.get().getTestClass().map(ChaosExtension::ownAnnotation).orElse(null);
            if (found != null) {
                return found;
            }
        }
        throw new ExtensionConfigurationException("ChaosExtension needs @ZooKeeperChaos on the test class; register "
                + "it through that annotation, not @ExtendWith.");
    }

    private static ZooKeeperChaos ownAnnotation(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, ZooKeeperChaos.class).orElse(null);
    }

    private static List<Field> injectedFields(Class<?> testClass, boolean statics) {
        return AnnotationSupport.findAnnotatedFields(testClass, ChaosInject.class,
                f -> Modifier.isStatic(f.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
    }

    private static void set(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot inject @ChaosInject field " + field.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
