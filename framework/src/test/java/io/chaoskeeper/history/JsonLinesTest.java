package io.chaoskeeper.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesTest {

    @TempDir
    Path dir;

    static History sample() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("readMode", "sync");
        extra.put("version", 3L);
        Map<String, Object> guarded = new LinkedHashMap<>();
        guarded.put("token", 7L);
        guarded.put("read", 2L);
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("ratio", 0.5);
        more.put("held", true);
        return History.of(List.of(
                new Operation(0, Operation.Type.INVOKE, 0, "cas", List.of(1L, 2L), 10, "r1", "zk1", null, null,
                        Map.of()),
                new Operation(1, Operation.Type.INFO, Operation.NEMESIS, "fault-start",
                        Map.of("kind", "pause"), 20, null, null, null, null, Map.of()),
                new Operation(2, Operation.Type.OK, 0, "read", null, 30, "r1", "zk1", null, 0x100000002L, extra),
                new Operation(3, Operation.Type.FAIL, 1, "guarded-update", guarded, 40, "lock", "zk2",
                        "stale \"token\"", null, more)));
    }

    @Test
    void fileRoundTripKeepsEveryField() throws Exception {
        Path file = dir.resolve("h.jsonl");
        JsonLines.write(file, sample());
        assertThat(JsonLines.read(file).operations()).isEqualTo(sample().operations());
    }

    @Test
    void lineWriterWritesTheSameLinesAsToLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLines.LineWriter w = new JsonLines.LineWriter(bytes)) {
            for (Operation op : sample().operations()) {
                w.write(op);
            }
        }
        List<String> expected = new ArrayList<>();
        sample().operations().forEach(op -> expected.add(JsonLines.toLine(op)));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", expected) + "\n");
    }

    @Test
    void malformedLineIsNamedByNumber() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, JsonLines.toLine(sample().operations().get(0)) + "\n\n{\"index\":1,\"type\":\"ok\"\n"
                + JsonLines.toLine(sample().operations().get(2)) + "\n");
        assertThatThrownBy(() -> JsonLines.read(file)).isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith(file + ":3: not valid JSON");
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        Path file = dir.resolve("missing.jsonl");
        Files.writeString(file, "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"time\":1}\n");
        assertThatThrownBy(() -> JsonLines.read(file)).hasMessage(file + ":1: missing field \"f\"");
    }

    @Test
    void tornLastLineWithoutNewlineIsSkippedWithAWarning() throws Exception {
        Path file = dir.resolve("torn.jsonl");
        String whole = JsonLines.toLine(sample().operations().get(0)) + "\n";
        String next = JsonLines.toLine(sample().operations().get(1));
        Files.writeString(file, whole + next.substring(0, next.length() / 2));
        List<String> warnings = new ArrayList<>();
        History h = JsonLines.read(file, warnings::add);
        assertThat(h.operations()).containsExactly(sample().operations().get(0));
        assertThat(warnings).singleElement().asString().contains(file + ":2: skipped a torn last line");
    }

    @Test
    void malformedLastLineEndingInNewlineIsAnError() throws Exception {
        Path file = dir.resolve("bad-last.jsonl");
        Files.writeString(file, JsonLines.toLine(sample().operations().get(0)) + "\n{\"index\":\n");
        assertThatThrownBy(() -> JsonLines.read(file, w -> { })).hasMessageStartingWith(file + ":2:");
    }
}
