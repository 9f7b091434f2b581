package io.chaoskeeper.report.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlPageTest {

    @Test
    void scriptJsonCannotCloseOrCommentTheScriptElementAndReadsBackTheSame() throws Exception {
        Map<String, Object> data = Map.of("v", "</script><!-- & \u2028 '\"", "</script>", 1);

        String json = HtmlPage.scriptJson(data);

        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        assertThat(new ObjectMapper().readValue(json, Map.class)).isEqualTo(data);
    }

    @Test
    void escapeHtmlEscapesEverySpecialCharacter() {
        assertThat(HtmlPage.escapeHtml("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
