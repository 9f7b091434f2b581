package io.chaoskeeper.fault.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A Docker engine in the test JVM that answers from a script: each rule matches "METHOD path" by a regular
 * expression and answers, stalls or fails like a broken transport. It lets the fault layer's tests stall one call
 * or break it mid-heal, which a real engine cannot be made to do on demand.
 */
final class ScriptedEngine implements DockerHttpClient {

    private final List<Map.Entry<Pattern, Function<String, Response>>> rules = new CopyOnWriteArrayList<>();
    /** Every request seen, as "METHOD path" without the API version prefix. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Released when the test ends, so stalled calls end too. */
    final CountDownLatch release = new CountDownLatch(1);

    ScriptedEngine answer(String request, int status, String json) {
        return on(request, r -> response(status, json));
    }

    /** The matching call never answers (until the test releases it). */
    ScriptedEngine stall(String request) {
        return on(request, r -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new IOException("stalled call released"));
        });
    }

    /** The matching call fails the way docker-java's transports report an I/O error: a plain runtime exception. */
    ScriptedEngine breakWith(String request, String ioMessage) {
        return on(request, r -> {
            throw new RuntimeException(new IOException(ioMessage));
        });
    }

    /** Later rules win, so a test can break a call that an earlier rule answered. */
    ScriptedEngine on(String request, Function<String, Response> action) {
        rules.add(0, Map.entry(Pattern.compile(request), action));
        return this;
    }

    DockerClient client() {
        return DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///scripted/docker.sock").build(), this);
    }

    @Override
    public Response execute(Request request) {
        String line = request.method() + " " + request.path().replaceFirst("^/v[0-9.]+/", "/");
        requests.add(line);
        for (Map.Entry<Pattern, Function<String, Response>> rule : rules) {
            if (rule.getKey().matcher(line).matches()) {
                return rule.getValue().apply(line);
            }
        }
        return response(404, "{\"message\":\"the script has no answer for " + line + "\"}");
    }

    @Override
    public void close() {
        release.countDown();
    }

    static Response response(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Response() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of("Content-Type", List.of("application/json"));
            }

            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public void close() {
            }
        };
    }
}
