package io.chaoskeeper.history.format;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Random bytes and mutated fixtures: every parser either reads them or says why in a HistoryFormatException. */
class ParserFuzzTest {

    private static final String TOKENS = "[](){}#_;:,\"\\\n\t nil 12 -3 1.5 :type :invoke :ok :f :process jepsen.util - ";

    @Test
    void randomInputOnlyEverGivesHistoryFormatException() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            String text = i % 2 == 0 ? randomBytes(random) : randomTokens(random);
            tryAllFormats(text);
        }
    }

    @Test
    void mutatedFixturesOnlyEverGiveHistoryFormatException() throws IOException {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: the shared fixtures are absent at " + dir);
        List<Path> seeds = List.of(dir.resolve("porcupine/etcd/etcd_000.log"), dir.resolve("porcupine/kv/c01-ok.txt"),
                dir.resolve("knossos/cas-register/bad/rethink-fail-minimal.edn"),
                dir.resolve("knossos/mutex/bad/etcd.edn"));
        SplittableRandom random = new SplittableRandom(11);
        int parsed = 0;
        for (int i = 0; i < 2000; i++) {
            String text = Files.readString(seeds.get(i % seeds.size()));
            StringBuilder sb = new StringBuilder(text.length() > 4000 ? text.substring(0, 4000) : text);
            for (int m = 1 + random.nextInt(4); m > 0 && sb.length() > 0; m--) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
                    default -> sb.setCharAt(at, (char) random.nextInt(128));
                }
            }
            parsed += tryAllFormats(sb.toString());
        }
        assertThat(parsed).as("some mutants still parse").isPositive();
    }

    /** Returns how many formats read the text. */
    private static int tryAllFormats(String text) {
        int parsed = 0;
        for (HistoryFormat format : HistoryFormat.values()) {
            try {
                History h = format.parse("fuzz", text);
                h.calls();
                parsed++;
            } catch (HistoryFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail(format + " threw " + e + " on: " + text, e);
            }
        }
        try {
            HistoryFormat.detect("fuzz", text);
        } catch (HistoryFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        return parsed;
    }

    private static String randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String randomTokens(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(60); i > 0; i--) {
            sb.append(TOKENS.charAt(random.nextInt(TOKENS.length())));
        }
        return sb.toString();
    }
}
