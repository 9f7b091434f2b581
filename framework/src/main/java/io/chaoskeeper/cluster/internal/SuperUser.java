package io.chaoskeeper.cluster.internal;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * The super user every node knows, so that the framework can reconfigure an ensemble: ZooKeeper lets only a super
 * user (or a server that skips ACLs altogether, which would change what the workloads test) call {@code reconfig}.
 * A test ensemble's password is no secret.
 */
public final class SuperUser {

    private static final String CREDENTIALS = "chaoskeeper:chaoskeeper";

    private SuperUser() {
    }

    /** The server JVM option that makes this user the super user. */
    public static String serverJvmOption() {
        try {
            return " -Dzookeeper.DigestAuthenticationProvider.superDigest="
                    + DigestAuthenticationProvider.generateDigest(CREDENTIALS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which ZooKeeper's digest scheme needs", e);
        }
    }

    /** Authenticates this client as the super user. */
    public static void authenticate(ZooKeeper client) {
        client.addAuthInfo("digest", CREDENTIALS.getBytes(StandardCharsets.UTF_8));
    }
}
