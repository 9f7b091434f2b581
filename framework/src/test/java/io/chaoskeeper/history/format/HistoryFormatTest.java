package io.chaoskeeper.history.format;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryFormatTest {

    @Test
    void readsAKnossosVectorWithCommentsKeywordsAndNemesis() {
        String edn = """
                ; a comment
                [{:type :invoke, :f :cas, :value [1 2], :process 0, :time 5, :index 0}
                 {:process :nemesis, :type :info, :f :start, :value nil}
                 {:type :ok :f :cas :value [1 2] :process 0} ; trailing
                 {:type :invoke, :f :write, :value 3, :process 1}
                 {:type :info, :f :write, :value 3, :process 1, :error :timed-out, :extra #{1 2} :t #inst "x"}]
                """;
        assertThat(HistoryFormat.detect("s", edn)).isEqualTo(HistoryFormat.KNOSSOS_EDN);
        History h = HistoryFormat.KNOSSOS_EDN.parse("s", edn);
        assertThat(h.size()).isEqualTo(5);
        Operation first = h.operations().get(0);
        assertThat(first.f()).isEqualTo("cas");
        assertThat(first.value()).isEqualTo(List.of(1L, 2L));
        assertThat(first.time()).isEqualTo(5);
        assertThat(first.extra()).containsEntry("sourceIndex", 0L);
        assertThat(h.operations().get(1).isNemesis()).isTrue();
        assertThat(h.operations().get(4).error()).isEqualTo("timed-out");
        assertThat(h.operations().get(4).extra()).containsEntry("extra", List.of(1L, 2L));
        assertThat(h.calls()).hasSize(2);
    }

    @Test
    void readsJepsenLogLinesSkippingNoiseAndTakingKeywordsOnFailuresAsErrors() {
        String log = """
                2017-01-01 INFO  jepsen.core - Running test
                INFO  jepsen.util - 3\t:invoke\t:cas\t[1 4]
                INFO  jepsen.util - 3\t:fail\t:cas\t[1 4]
                INFO  jepsen.util - 1\t:invoke\t:read\tnil
                INFO  jepsen.util - 1\t:info\t:read\t:timed-out
                INFO  jepsen.util - :nemesis\t:info\t:start\tnil
                """;
        assertThat(HistoryFormat.detect("s", log)).isEqualTo(HistoryFormat.JEPSEN_LOG);
        History h = HistoryFormat.JEPSEN_LOG.parse("s", log);
        assertThat(h.size()).isEqualTo(5);
        assertThat(h.operations().get(1).value()).isEqualTo(List.of(1L, 4L));
        assertThat(h.operations().get(3).error()).isEqualTo("timed-out");
        assertThat(h.operations().get(3).value()).isNull();
        assertThat(h.operations().get(4).isNemesis()).isTrue();
    }

    @Test
    void detectsPorcupineKvAndJsonLines() {
        assertThat(HistoryFormat.detect("s", "{:process 0, :type :invoke, :f :get, :key \"5\", :value nil}\n"))
                .isEqualTo(HistoryFormat.PORCUPINE_KV);
        assertThat(HistoryFormat.detect("s", "{:process 0, :type :invoke, :f :read, :value nil}\n"))
                .isEqualTo(HistoryFormat.KNOSSOS_EDN);
        assertThat(HistoryFormat.detect("s", JsonLines.toLine(Operation.of(0, Operation.Type.INVOKE, 0, "read",
                null, 0)))).isEqualTo(HistoryFormat.JSONL);
        History kv = HistoryFormat.PORCUPINE_KV.parse("s",
                "{:process 0, :type :invoke, :f :get, :key \"5\", :value nil}\n"
                        + "{:process 0, :type :ok, :f :get, :key \"5\", :value \"x\"}\n");
        Call call = kv.calls().get(0);
        assertThat(call.invoke().key()).isEqualTo("5");
        assertThat(call.value()).isEqualTo("x");
    }

    @Test
    void eachFormatCarriesItsSourcesRules() {
        assertThat(HistoryFormat.KNOSSOS_EDN.rules()).isEqualTo(new HistoryFormat.Rules(0L, false, true));
        assertThat(HistoryFormat.JEPSEN_LOG.rules()).isEqualTo(new HistoryFormat.Rules(null, true, false));
        assertThat(HistoryFormat.JSONL.rules()).isEqualTo(HistoryFormat.Rules.CHAOSKEEPER);
        assertThat(HistoryFormat.named("jepsen-log")).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThatThrownBy(() -> HistoryFormat.named("xml")).hasMessage(
                "unknown history format 'xml'; known formats: jsonl, edn, jepsen-log, porcupine-kv");
    }

    @Test
    void malformedInputIsOneSentenceNamingTheSourceAndLine() {
        assertThatThrownBy(() -> HistoryFormat.KNOSSOS_EDN.parse("h.edn", "[{:type :invoke, :f :read,\n :process 0}\n"
                + " {:type :bogus, :f :read, :process 0}]"))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage("h.edn:3: :type must be one of :invoke, :ok, :fail, :info");
        assertThatThrownBy(() -> HistoryFormat.KNOSSOS_EDN.parse("h.edn", "[{:type :invoke, :f :read\n\n \"open"))
                .hasMessage("h.edn:3: not valid EDN (a string is not closed)");
        assertThatThrownBy(() -> HistoryFormat.PORCUPINE_KV.parse("h.edn", "{:type :ok, :f :get, :process -1}"))
                .hasMessage("h.edn:1: :process must be a non-negative integer or :nemesis");
        assertThatThrownBy(() -> HistoryFormat.detect("x.txt", "hello\n"))
                .hasMessageStartingWith("x.txt: cannot tell the history format");
        assertThatThrownBy(() -> HistoryFormat.detect("x.txt", "\n ; only a comment\n"))
                .hasMessage("x.txt: the history is empty");
    }

    @Test
    void aMissingFileIsOneSentence(@TempDir Path dir) {
        Path missing = dir.resolve("nope.edn");
        assertThatThrownBy(() -> HistoryFormat.detect(missing)).isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith(missing + ": cannot read the history file");
    }

    @Test
    void readsFilesOfEveryFormat(@TempDir Path dir) throws Exception {
        Path edn = Files.writeString(dir.resolve("h.edn"), "({:type :invoke :f :read :process 0 :value nil})");
        assertThat(HistoryFormat.readAny(edn).operations().get(0).extra()).isEqualTo(Map.of());
        Path jsonl = dir.resolve("h.jsonl");
        JsonLines.write(jsonl, History.of(List.of(Operation.of(0, Operation.Type.INVOKE, 1, "write", 3L, 10))));
        assertThat(HistoryFormat.readAny(jsonl).operations().get(0).value()).isEqualTo(3L);
    }
}
