package io.chaoskeeper.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Check results as JSON: the {@code checks.json} of a run directory and the output of {@code check --json}.
 *
 * <pre>[{"checker":"linearizability(cas-register)","verdict":"invalid","summary":"...","operations":120,
 *   "elapsedMs":3,"anomalies":[{"kind":"not-linearizable","message":"...","operations":[17,4],"data":{..},
 *   "servers":[{"node":"zk5","role":"leader","epoch":1}]}],
 *   "stats":{..}}]</pre>
 */
public final class CheckResultJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckResultJson() {
    }

    /** The results as a JSON array. */
    public static String toJson(List<CheckResult> results) {
        try {
            return JSON.writeValueAsString(results.stream().map(CheckResultJson::toMap).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("check results hold a value JSON cannot represent", e);
        }
    }

    /** Writes the results to a file, replacing it. */
    public static void write(Path file, List<CheckResult> results) throws IOException {
        java.nio.file.Files.writeString(file, toJson(results));
    }

    /** Reads results written by {@link #write}. */
    public static List<CheckResult> read(Path file) throws IOException {
        List<Map<String, Object>> maps = JSON.readValue(file.toFile(), new TypeReference<>() { });
        List<CheckResult> results = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            results.add(fromMap(m));
        }
        return results;
    }

    /** One result as JSON-like maps and lists. */
    public static Map<String, Object> toMap(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checker", r.checker());
        m.put("verdict", r.verdict().wireName());
        m.put("summary", r.summary());
        m.put("operations", r.operations());
        m.put("elapsedMs", r.elapsed().toMillis());
        List<Map<String, Object>> anomalies = new ArrayList<>();
        for (Anomaly a : r.anomalies()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("kind", a.kind());
            am.put("message", a.message());
            am.put("operations", a.operations());
            am.put("data", a.data());
            if (!a.servers().isEmpty()) {
                am.put("servers", a.servers().stream().map(CheckResultJson::toMap).toList());
            }
            anomalies.add(am);
        }
        m.put("anomalies", anomalies);
        m.put("stats", r.stats());
        return m;
    }

    private static Map<String, Object> toMap(ServerRole role) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", role.node());
        m.put("role", role.role());
        m.put("epoch", role.epoch());
        return m;
    }

    private static ServerRole serverRole(Map<String, Object> m) {
        Object epoch = m.get("epoch");
        return new ServerRole((String) m.get("node"), (String) m.get("role"),
                epoch == null ? null : ((Number) epoch).longValue());
    }

    @SuppressWarnings("unchecked")
    private static CheckResult fromMap(Map<String, Object> m) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) m.getOrDefault("anomalies", List.of())) {
            List<Long> ops = ((List<Number>) a.getOrDefault("operations", List.of())).stream()
                    .map(Number::longValue).toList();
            List<ServerRole> servers = ((List<Map<String, Object>>) a.getOrDefault("servers", List.of())).stream()
                    .map(CheckResultJson::serverRole).toList();
            anomalies.add(new Anomaly((String) a.get("kind"), (String) a.get("message"), ops,
                    (Map<String, Object>) a.get("data"), servers));
        }
        return new CheckResult((String) m.get("checker"),
                Verdict.valueOf(((String) m.get("verdict")).toUpperCase(java.util.Locale.ROOT)),
                (String) m.get("summary"), anomalies, ((Number) m.getOrDefault("operations", 0)).longValue(),
                Duration.ofMillis(((Number) m.getOrDefault("elapsedMs", 0)).longValue()),
                (Map<String, Object>) m.get("stats"));
    }
}
