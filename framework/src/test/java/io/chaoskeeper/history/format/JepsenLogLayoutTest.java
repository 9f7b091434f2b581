package io.chaoskeeper.history.format;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Jepsen log lines read alike whether their fields are separated by tabs or by runs of spaces. */
class JepsenLogLayoutTest {

    private static Path etcdLog() {
        Path log = Path.of(System.getProperty("user.dir"))
                .resolve("../../shared/fixtures/porcupine/etcd/etcd_000.log").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(log), "skipped: the shared fixtures are absent at " + log);
        return log;
    }

    /** The same log with each tab after the logger name replaced by a run of spaces (as in three etcd logs). */
    private static String spaced(String tabbed) {
        StringBuilder out = new StringBuilder();
        int width = 1;
        for (String line : tabbed.split("\n", -1)) {
            out.append(line.replace("jepsen.util - ", "jepsen.util  -  ").replaceAll("\t", " ".repeat(width)))
                    .append('\n');
            width = width % 4 + 1;
        }
        return out.toString();
    }

    @Test
    void anEtcdLogWithSpacesReadsLikeItsTabbedOriginal() throws IOException {
        String tabbed = Files.readString(etcdLog());
        String spaces = spaced(tabbed);
        assertThat(spaces).doesNotContain("\t").contains(":invoke   :");

        History original = HistoryFormat.JEPSEN_LOG.parse("tabs", tabbed);
        History fromSpaces = HistoryFormat.JEPSEN_LOG.parse("spaces", spaces);

        assertThat(HistoryFormat.detect("spaces", spaces)).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(HistoryFormat.detect("tabs", tabbed)).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(original.size()).isGreaterThan(100);
        assertThat(fromSpaces.operations()).isEqualTo(original.operations());
    }

    @Test
    void mixedBlanksSeparateFieldsAndTheValueKeepsItsInnerSpaces() {
        String log = """
                INFO  jepsen.util - 1   :invoke :write  3
                INFO  jepsen.util - 1 \t :ok\t\t:write 3
                INFO  jepsen.util -\t2  :invoke  :cas    [3 4]
                INFO  jepsen.util - 2 :fail :cas  :timed-out
                """;
        assertThat(HistoryFormat.detect("s", log)).isEqualTo(HistoryFormat.JEPSEN_LOG);
        List<Operation> ops = HistoryFormat.JEPSEN_LOG.parse("s", log).operations();
        assertThat(ops).extracting(Operation::process, Operation::type, Operation::f).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, Operation.Type.INVOKE, "write"),
                org.assertj.core.groups.Tuple.tuple(1L, Operation.Type.OK, "write"),
                org.assertj.core.groups.Tuple.tuple(2L, Operation.Type.INVOKE, "cas"),
                org.assertj.core.groups.Tuple.tuple(2L, Operation.Type.FAIL, "cas"));
        assertThat(ops.get(0).value()).isEqualTo(3L);
        assertThat(ops.get(2).value()).isEqualTo(List.of(3L, 4L));
        assertThat(ops.get(3).error()).isEqualTo("timed-out");
    }
}
