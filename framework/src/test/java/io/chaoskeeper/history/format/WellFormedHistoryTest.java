package io.chaoskeeper.history.format;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Structural errors are rejected where a history is read, in one sentence naming the line, in every format. */
class WellFormedHistoryTest {

    private static String line(long index, String type, String process, String f) {
        return "{\"index\":" + index + ",\"type\":\"" + type + "\",\"process\":" + process + ",\"f\":\"" + f
                + "\",\"value\":1,\"time\":" + index + "}";
    }

    private static String jsonl(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aWellFormedJsonlHistoryWithGapsAndFaultsIsRead() {
        History h = HistoryFormat.JSONL.parse("h", jsonl(line(3, "invoke", "0", "write"),
                line(4, "info", "\"nemesis\"", "start"), line(9, "invoke", "1", "read"), line(10, "ok", "0", "write"),
                line(12, "info", "\"nemesis\"", "stop")));
        assertThat(h.calls()).hasSize(2);
    }

    @Test
    void jsonlIndexesMustStrictlyIncrease() {
        assertThatThrownBy(() -> HistoryFormat.JSONL.parse("h", jsonl(line(0, "invoke", "0", "write"),
                line(1, "invoke", "1", "read"), line(1, "ok", "0", "write"))))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage("h:3: duplicate index 1 (line 2 has it too)");
        assertThatThrownBy(() -> HistoryFormat.JSONL.parse("h", jsonl(line(0, "invoke", "0", "write"),
                "", line(5, "invoke", "1", "read"), line(2, "ok", "0", "write"))))
                .hasMessage("h:4: index 2 is lower than index 5 on line 3; indexes must increase from line to line");
        assertThatThrownBy(() -> HistoryFormat.JSONL.parse("h", jsonl(line(0, "info", "\"nemesis\"", "start"),
                line(0, "info", "\"nemesis\"", "stop"))))
                .hasMessage("h:2: duplicate index 0 (line 1 has it too)");
    }

    @Test
    void aBusyProcessCannotInvokeAndNobodyCompletesWhatItNeverInvoked() {
        assertThatThrownBy(() -> HistoryFormat.JSONL.parse("h", jsonl(line(0, "invoke", "0", "write"),
                line(1, "invoke", "0", "read"))))
                .hasMessage("h:2: process 0 invokes again while its operation invoked on line 1 is still open");
        assertThatThrownBy(() -> HistoryFormat.JSONL.parse("h", jsonl(line(0, "invoke", "0", "write"),
                line(1, "ok", "0", "write"), line(2, "fail", "0", "write"))))
                .hasMessage("h:3: process 0 completes (fail write) an operation it never invoked");
    }

    @Test
    void aJsonlFileIsCheckedWhenReadForCheckingButStoredAsRecorded(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("h.jsonl"), jsonl(line(0, "invoke", "0", "write"),
                line(1, "invoke", "0", "read")));
        assertThatThrownBy(() -> HistoryFormat.JSONL.read(file))
                .hasMessage(file + ":2: process 0 invokes again while its operation invoked on line 1 is still open");
        assertThatThrownBy(() -> HistoryFormat.readAny(file)).isInstanceOf(HistoryFormatException.class);
        assertThat(JsonLines.read(file).size()).isEqualTo(2);
    }

    @Test
    void ednAndJepsenLogsAreCheckedToo() {
        assertThatThrownBy(() -> HistoryFormat.KNOSSOS_EDN.parse("k", """
                [{:type :invoke, :f :read, :process 0}
                 {:type :invoke, :f :read, :process 0}]"""))
                .hasMessage("k:2: process 0 invokes again while its operation invoked on line 1 is still open");
        assertThatThrownBy(() -> HistoryFormat.JEPSEN_LOG.parse("j", """
                noise
                INFO  jepsen.util - 2\t:ok\t:read\t1
                """))
                .hasMessage("j:2: process 2 completes (ok read) an operation it never invoked");
    }

    @Test
    void callsRejectsIndexesOutOfOrderSoPairingAndSearchAgree() {
        History shuffled = History.of(List.of(Operation.of(5, Type.INVOKE, 0, "write", 1L, 0),
                Operation.of(2, Type.OK, 0, "write", 1L, 1)));
        assertThatThrownBy(shuffled::calls).isInstanceOf(HistoryFormatException.class)
                .hasMessage("event 2 comes after event 5; indexes must strictly increase");
    }
}
