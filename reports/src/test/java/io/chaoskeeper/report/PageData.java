package io.chaoskeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the JSON model a rendered page embeds, the way the page's script reads it. */
final class PageData {

    private static final String OPEN = "<script type=\"application/json\" id=\"data\">";

    private PageData() {
    }

    static JsonNode of(Path page) throws IOException {
        String html = Files.readString(page);
        int from = html.indexOf(OPEN) + OPEN.length();
        return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
    }
}
