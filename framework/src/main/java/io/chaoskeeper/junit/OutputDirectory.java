package io.chaoskeeper.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.nio.file.Path} parameter to receive the directory under which this test's runs are written
 * ({@code <chaoskeeper.output.dir>/<test class>/}, a nested class as {@code Outer.Inner}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OutputDirectory {
}
