package io.chaoskeeper.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EdnTest {

    @Test
    void invokeWithVectorValue() {
        assertThat(Edn.toEdn(JsonLinesTest.sample().operations().get(0)))
                .isEqualTo("{:index 0, :type :invoke, :process 0, :f :cas, :value [1 2], :time 10, :key \"r1\","
                        + " :node \"zk1\"}");
    }

    @Test
    void nemesisProcessIsAKeywordAndMapKeysBecomeKeywords() {
        assertThat(Edn.toEdn(JsonLinesTest.sample().operations().get(1)))
                .isEqualTo("{:index 1, :type :info, :process :nemesis, :f :fault-start, :value {:kind \"pause\"},"
                        + " :time 20}");
    }

    @Test
    void nilValueZxidAndExtraFields() {
        assertThat(Edn.toEdn(JsonLinesTest.sample().operations().get(2)))
                .isEqualTo("{:index 2, :type :ok, :process 0, :f :read, :value nil, :time 30, :key \"r1\","
                        + " :node \"zk1\", :zxid 4294967298, :readMode \"sync\", :version 3}");
    }

    @Test
    void errorsBecomeKeywordsOrEscapedStringsAndDoublesAndBooleansStay() {
        assertThat(Edn.toEdn(JsonLinesTest.sample().operations().get(3)))
                .isEqualTo("{:index 3, :type :fail, :process 1, :f :guarded-update, :value {:token 7, :read 2},"
                        + " :time 40, :key \"lock\", :node \"zk2\", :error \"stale \\\"token\\\"\", :ratio 0.5,"
                        + " :held true}");
        Operation badVersion = new Operation(4, Operation.Type.FAIL, 2, "cas", List.of(1L, 5L), 50, null, null,
                "bad-version", null, java.util.Map.of());
        assertThat(Edn.toEdn(badVersion)).contains(":error :bad-version");
    }

    @Test
    void writesOneMapPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.edn");
        Edn.write(file, JsonLinesTest.sample());
        assertThat(Files.readAllLines(file)).hasSize(4).allMatch(l -> l.startsWith("{:index ") && l.endsWith("}"));
    }
}
