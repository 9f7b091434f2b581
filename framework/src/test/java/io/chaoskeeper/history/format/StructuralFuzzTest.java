package io.chaoskeeper.history.format;

import io.chaoskeeper.check.internal.SimulatedRegister;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.HistoryFormatException;
import io.chaoskeeper.history.JsonLines;
import io.chaoskeeper.history.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Structural mutations (the line-level sibling of {@link ParserFuzzTest}): swapped lines, duplicated indexes and
 * dropped lines are either read into a history whose calls pair up, or rejected in one sentence naming the line.
 * What a reader accepts, {@link History#calls()} and so the checkers accept too.
 */
class StructuralFuzzTest {

    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

    static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        StringBuilder jsonl = new StringBuilder();
        for (Operation op : new SimulatedRegister(40, 4, 2, 0.1, 1, 3).generate().operations()) {
            jsonl.append(JsonLines.toLine(op)).append('\n');
        }
        seeds.add(jsonl.toString());
        Path fixtures = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures").normalize();
        for (String name : List.of("porcupine/etcd/etcd_000.log", "porcupine/kv/c01-ok.txt")) {
            Path file = fixtures.resolve(name);
            if (Files.isRegularFile(file)) {
                seeds.add(Files.readString(file));
            }
        }
        return seeds;
    }

    /** One structural mutation of the text's lines. */
    static String mutate(String text, SplittableRandom random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        int a = random.nextInt(lines.size());
        int b = Math.min(lines.size() - 1, a + 1 + random.nextInt(3));
        switch (random.nextInt(4)) {
            case 0 -> lines.set(b, lines.set(a, lines.get(b))); // swap two nearby lines
            case 1 -> lines.remove(a); // drop a line: often a completion
            case 2 -> lines.add(a, lines.get(a)); // a line twice: the same index, a second invoke or completion
            default -> { // give a line the index of the line before it
                Matcher m = INDEX.matcher(lines.get(Math.max(0, a - 1)));
                if (m.find()) {
                    lines.set(a, INDEX.matcher(lines.get(a)).replaceFirst(Matcher.quoteReplacement(m.group())));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void structuralMutantsAreReadConsistentlyOrRejectedAtTheirLine() throws IOException {
        List<String> seeds = seeds();
        SplittableRandom random = new SplittableRandom(13);
        int rejected = 0;
        int read = 0;
        for (int i = 0; i < 1500; i++) {
            String mutant = mutate(seeds.get(i % seeds.size()), random);
            HistoryFormat format = null;
            try {
                format = HistoryFormat.detect("fuzz", mutant);
                History h = format.parse("fuzz", mutant);
                h.calls();
                read++;
            } catch (HistoryFormatException e) {
                assertThat(e.getMessage()).matches("fuzz:\\d+: [^\\n]+");
                rejected++;
            } catch (RuntimeException e) {
                fail(format + " threw " + e + " on: " + mutant, e);
            }
        }
        assertThat(rejected).as("structural errors found").isGreaterThan(500);
        assertThat(read).as("harmless mutants (e.g. a dropped last completion) still read").isPositive();
    }
}
