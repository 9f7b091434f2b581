package io.chaoskeeper.cluster.internal.clock;

import org.apache.zookeeper.common.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgentJarTest {

    private static final long SLACK_MS = 150;

    @TempDir
    Path dir;

    @AfterEach
    void noOffsetInThisJvm() {
        ClockOffset.set(ClockSpec.NONE, System.nanoTime());
        ClockOffset.forgetElapsedLeap();
    }

    @Test
    void theWovenTimeClassAddsTheOffsetToBothClocks() throws Exception {
        byte[] original = Time.class.getResourceAsStream("Time.class").readAllBytes();
        Class<?> woven = new TimeLoader(AgentJar.weave(original)).loadClass(Time.class.getName());
        assertThat(woven).isNotSameAs(Time.class);
        Method wall = woven.getMethod("currentWallTime");
        Method elapsed = woven.getMethod("currentElapsedTime");

        ClockOffset.set(new ClockSpec(3_600_000, 0), System.nanoTime());
        assertThat((long) wall.invoke(null) - System.currentTimeMillis()).isCloseTo(3_600_000, within(SLACK_MS));
        assertThat((long) elapsed.invoke(null) - Time.currentElapsedTime()).isCloseTo(3_600_000, within(SLACK_MS));
        // elapsedTimeToDate reads both clocks, so the shift cancels out: an elapsed time still maps to its date
        long now = (long) elapsed.invoke(null);
        java.util.Date date = (java.util.Date) woven.getMethod("elapsedTimeToDate", long.class).invoke(null, now);
        assertThat(date.getTime() - System.currentTimeMillis()).isCloseTo(3_600_000, within(SLACK_MS));

        // the wall clock steps back; the elapsed clock keeps its leap, as a monotonic clock cannot step back
        ClockOffset.set(new ClockSpec(-90_000, 0), System.nanoTime());
        assertThat((long) wall.invoke(null) - System.currentTimeMillis()).isCloseTo(-90_000, within(SLACK_MS));
        assertThat((long) elapsed.invoke(null) - Time.currentElapsedTime()).isCloseTo(3_600_000, within(SLACK_MS));

        ClockOffset.set(ClockSpec.NONE, System.nanoTime());
        assertThat((long) wall.invoke(null) - System.currentTimeMillis()).isCloseTo(0, within(SLACK_MS));
        assertThat((long) elapsed.invoke(null) - Time.currentElapsedTime()).isCloseTo(3_600_000, within(SLACK_MS));
        long before = (long) elapsed.invoke(null);
        Thread.sleep(20);
        assertThat((long) elapsed.invoke(null)).as("elapsed time goes on from its leap").isGreaterThan(before);
    }

    @Test
    void theJarHoldsTheAgentAndTheWovenClassAndItsBytesDependOnlyOnItsInputs() throws Exception {
        List<Path> jars = List.of(zookeeperJar());
        byte[] bytes = AgentJar.build(jars);
        Thread.sleep(1100); // entry times would differ by a second if they were taken from the clock
        assertThat(AgentJar.build(jars)).isEqualTo(bytes);
        Path jar = Files.write(dir.resolve("agent.jar"), bytes);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(ClockAgent.class.getName());
            assertThat(file.stream().map(ZipEntry::getName)).contains(
                    "io/chaoskeeper/cluster/internal/clock/ClockAgent.class",
                    "io/chaoskeeper/cluster/internal/clock/ClockAgent$Poller.class",
                    "io/chaoskeeper/cluster/internal/clock/ClockOffset$Current.class",
                    ClockAgent.WOVEN_TIME).noneMatch(name -> name.startsWith("net/bytebuddy"));
        }
    }

    @Test
    void aJvmWithTheAgentFollowsItsClockFile() throws Exception {
        Path jar = Files.write(dir.resolve("agent.jar"), AgentJar.build(List.of(zookeeperJar())));
        Path clockFile = dir.resolve("run/clock");
        Files.createDirectories(clockFile.getParent());
        Files.writeString(clockFile, "shift 1000\n");
        Path stderr = dir.resolve("stderr.txt");
        // only the agent jar, ZooKeeper's jar and the test's classes: the agent must need nothing else
        String classPath = zookeeperJar() + File.pathSeparator + testClasses();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-javaagent:" + jar + "=" + clockFile, "-cp", classPath,
                PrintClockSkew.class.getName()).redirectError(stderr.toFile()).start();
        try (PrintStream ask = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(),
                     StandardCharsets.UTF_8))) {
            // read before the first poll: the agent applies the file it finds at start
            assertSkew(ask, answers, 1000, 1000);

            // the wall clock steps back; the elapsed clock never does
            Files.writeString(clockFile, "shift -5000\n");
            Thread.sleep(300);
            assertSkew(ask, answers, -5000, 1000);

            // a line still being written, then a missing file (docker cp removes it first) change nothing
            Files.writeString(clockFile, "shift 77");
            Thread.sleep(300);
            assertSkew(ask, answers, -5000, 1000);
            Files.delete(clockFile);
            Thread.sleep(300);
            assertSkew(ask, answers, -5000, 1000);

            // a malformed line is ignored and named on stderr
            Files.writeString(clockFile, "shift soon\n");
            Thread.sleep(300);
            assertSkew(ask, answers, -5000, 1000);

            // a strobe starts shifted and alternates every period; the elapsed clock keeps the leap ahead
            Files.writeString(clockFile, "strobe 60000 1000\n");
            Thread.sleep(300);
            assertSkew(ask, answers, 60_000, 60_000);
            Thread.sleep(1000);
            assertSkew(ask, answers, 0, 60_000);
            Thread.sleep(1000);
            assertSkew(ask, answers, 60_000, 60_000);

            Files.writeString(clockFile, "shift 0\n");
            Thread.sleep(300);
            assertSkew(ask, answers, 0, 60_000);
        } finally {
            child.destroy();
            child.waitFor();
        }
        assertThat(Files.readString(stderr))
                .contains("chaoskeeper clock agent: shift 1000 (ms) from " + clockFile)
                .contains("chaoskeeper clock agent: ignoring " + clockFile + ": not a whole number of milliseconds in 'shift soon'")
                .contains("chaoskeeper clock agent: strobe 60000 1000 (ms)")
                .doesNotContain("shift 77")
                .doesNotContain("Exception");
    }

    private static void assertSkew(PrintStream ask, BufferedReader answers, long wall, long elapsed)
            throws Exception {
        ask.println("skew?");
        String line = answers.readLine();
        assertThat(line).as("the child's answer").isNotNull();
        String[] skews = line.split(" ");
        assertThat(Long.parseLong(skews[0])).as("wall clock skew").isCloseTo(wall, within(SLACK_MS));
        assertThat(Long.parseLong(skews[1])).as("elapsed clock skew").isCloseTo(elapsed, within(SLACK_MS));
    }

    private static Path zookeeperJar() throws Exception {
        return Path.of(Time.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path testClasses() throws Exception {
        return Path.of(PrintClockSkew.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Defines the woven Time itself and leaves everything else, ClockOffset included, to the test's loader. */
    private static final class TimeLoader extends ClassLoader {
        private final byte[] woven;

        TimeLoader(byte[] woven) {
            super(AgentJarTest.class.getClassLoader());
            this.woven = woven;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(Time.class.getName())) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : defineClass(name, woven, 0, woven.length);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
