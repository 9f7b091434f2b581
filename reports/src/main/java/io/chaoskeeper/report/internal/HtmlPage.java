package io.chaoskeeper.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A self-contained page: the HTML shell and a body from the resources with its CSS and scripts inlined and its data as one
 * JSON block, so that it works from {@code file://} with no network. The scripts build the page from the data with
 * text nodes only; here, the title is HTML-escaped and the JSON made safe inside a script element.
 */
public final class HtmlPage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(TITLE|CSS|BODY|JS|DATA)}}");
    private static final String RESOURCES = "/io/chaoskeeper/report/";

    private HtmlPage() {
    }

    /**
     * Writes a page to {@code file}: the shell {@code page.html} around {@code body} (a resource such as
     * {@code report-body.html}), with the given scripts and data.
     */
    public static void write(Path file, String body, List<String> scripts, String title, Object data) {
        StringBuilder js = new StringBuilder();
        for (String script : scripts) {
            js.append(resource(script)).append('\n');
        }
        Map<String, String> parts = Map.of("TITLE", escapeHtml(title), "CSS", resource("report.css"),
                "BODY", resource(body), "JS", js.toString(), "DATA", scriptJson(data));
        // one pass over the template, so that inserted text is never searched for placeholders
        String page = PLACEHOLDER.matcher(resource("page.html"))
                .replaceAll(m -> Matcher.quoteReplacement(parts.get(m.group(1))));
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }

    /** Text as HTML: {@code & < > " '} become entities. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON that can sit inside {@code <script type="application/json">}: outside strings JSON has no {@code < > &},
     * so escaping them as {@code \u003c} etc. keeps {@code </script>} and {@code <!--} from ending or changing the
     * element while JSON.parse reads the same value.
     */
    public static String scriptJson(Object data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report model holds a value JSON cannot represent", e);
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the reports jar lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
