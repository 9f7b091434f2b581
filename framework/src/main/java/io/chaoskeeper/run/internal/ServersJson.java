package io.chaoskeeper.run.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the data archives to a run's {@code servers.json} ({@code data}, {@code dataTruncated}, {@code dataError} per
 * node), keeping every field others wrote there; creates the file when it does not exist yet.
 */
final class ServersJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ServersJson() {
    }

    static void recordData(Path file, List<DataArchive> archives) throws IOException {
        Map<String, Object> root = Files.exists(file)
                ? JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { })
                : new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) root.computeIfAbsent("nodes",
                k -> new ArrayList<>());
        for (DataArchive archive : archives) {
            Map<String, Object> node = nodes.stream().filter(n -> archive.node().equals(n.get("node"))).findFirst()
                    .orElseGet(() -> {
                        Map<String, Object> fresh = new LinkedHashMap<>();
                        fresh.put("node", archive.node());
                        fresh.put("id", archive.id());
                        nodes.add(fresh);
                        return fresh;
                    });
            if (archive.file() != null) {
                node.put("data", archive.file());
                node.put("dataTruncated", archive.truncated());
            } else {
                node.put("dataError", archive.error());
            }
        }
        JSON.writeValue(file.toFile(), root);
    }
}
