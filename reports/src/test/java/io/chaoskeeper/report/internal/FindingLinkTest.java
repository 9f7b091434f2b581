package io.chaoskeeper.report.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FindingLinkTest {

    @TempDir
    Path tmp;

    @Test
    void aFindingAboveThePageIsLinkedRelativelyAndAWebAddressAsItIs() throws IOException {
        Files.createDirectories(tmp.resolve("docs/findings"));
        Files.writeString(tmp.resolve("docs/findings/x.md"), "# x\n");
        Path page = Files.createDirectories(tmp.resolve("scenarios/target/runs/XIT/m"));

        assertThat(FindingLink.href(page, "docs/findings/x.md")).isEqualTo("../../../../../docs/findings/x.md");
        assertThat(FindingLink.href(tmp, "docs/findings/x.md")).isEqualTo("docs/findings/x.md");
        assertThat(FindingLink.href(page, "https://issues.apache.org/jira/browse/ZOOKEEPER-1675"))
                .isEqualTo("https://issues.apache.org/jira/browse/ZOOKEEPER-1675");
    }

    @Test
    void anAbsentEscapingOrMissingFindingHasNoLink() {
        assertThat(FindingLink.href(tmp, "docs/findings/absent.md")).isNull();
        assertThat(FindingLink.href(tmp, "../outside.md")).isNull();
        assertThat(FindingLink.href(tmp, "/etc/passwd")).isNull();
        assertThat(FindingLink.href(tmp, null)).isNull();
        assertThat(FindingLink.href(tmp, 42)).isNull();
        assertThat(FindingLink.href(tmp, " ")).isNull();
    }
}
