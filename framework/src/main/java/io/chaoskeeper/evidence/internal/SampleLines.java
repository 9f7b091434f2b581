package io.chaoskeeper.evidence.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoskeeper.evidence.NodeSample;
import io.chaoskeeper.evidence.NodeState;

import java.io.IOException;

/** One {@link NodeSample} as one JSON line of {@code cluster.jsonl}, with every contract field present. */
public final class SampleLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleLines() {
    }

    /** The sample as one line of JSON, without the newline. */
    public static String toLine(NodeSample s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", s.time());
        o.put("node", s.node());
        o.put("id", s.id());
        o.put("state", s.state().wireName());
        o.put("epoch", s.epoch());
        o.put("zxid", s.zxid());
        o.put("leader", s.leader());
        if (s.error() != null) {
            o.put("error", s.error());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sample holds only plain values", e);
        }
    }

    /**
     * Parses one line; unknown fields are ignored.
     *
     * @param where names the line in an error, e.g. {@code cluster.jsonl:12}
     * @throws IOException when the line is not a sample
     */
    public static NodeSample parse(String line, String where) throws IOException {
        try {
            JsonNode o = JSON.readTree(line);
            return new NodeSample(required(o, "time", where).asLong(), required(o, "node", where).asText(),
                    required(o, "id", where).asInt(), NodeState.fromWireName(required(o, "state", where).asText()),
                    longOrNull(o, "epoch"), longOrNull(o, "zxid"),
                    o.hasNonNull("leader") ? o.get("leader").asInt() : null,
                    o.hasNonNull("error") ? o.get("error").asText() : null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(where + " is not a cluster sample: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode o, String field, String where) throws IOException {
        if (o == null || !o.hasNonNull(field)) {
            throw new IOException(where + " has no \"" + field + "\"");
        }
        return o.get(field);
    }

    private static Long longOrNull(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asLong() : null;
    }
}
