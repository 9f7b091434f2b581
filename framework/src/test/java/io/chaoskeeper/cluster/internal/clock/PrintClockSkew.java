package io.chaoskeeper.cluster.internal.clock;

import org.apache.zookeeper.common.Time;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for {@link AgentJarTest}, run with the clock agent: for every line on stdin it prints how far
 * ZooKeeper's wall and elapsed clocks are ahead of the JVM's, in milliseconds.
 */
final class PrintClockSkew {

    private PrintClockSkew() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            long wall = Time.currentWallTime() - System.currentTimeMillis();
            long elapsed = Time.currentElapsedTime() - System.nanoTime() / 1_000_000;
            System.out.println(wall + " " + elapsed);
            System.out.flush();
        }
    }
}
