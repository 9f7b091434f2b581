package io.chaoskeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The side-by-side summary counts only quick decided answers in the ratios, and names the worst history. */
final class SideBySideTest {

    @Test
    void ratiosCoverOnlyWhatTheOtherCheckerDecidedInUnderASecond() {
        SideBySide sideBySide = new SideBySide("Porcupine");
        sideBySide.add("a", "valid", 2, answer("valid", 10));      // 0.2
        sideBySide.add("b", "invalid", 6, answer("invalid", 10));  // 0.6, the worst
        sideBySide.add("c", "valid", 4, answer("valid", 10));      // 0.4
        sideBySide.add("d", "valid", 50, answer("invalid", 2000)); // decided, disagrees, too slow for a ratio
        sideBySide.add("e", "valid", 50, answer("unknown", 1500)); // not decided
        sideBySide.add("f", "valid", 50, new ExternalChecker.Answer("unknown", Double.NaN, "exit 2: usage"));
        sideBySide.add("g", "invalid", 0.0012, answer("invalid", 0.002)); // 0.6, microseconds

        StringWriter text = new StringWriter();
        sideBySide.print(new PrintWriter(text, true), "  ");

        assertThat(sideBySide.quick()).isEqualTo(4);
        assertThat(sideBySide.withinHalf()).isEqualTo(2);
        assertThat(text.toString()).isEqualTo(String.format(
                "  Porcupine decided 4/7 in < 1 s; ratio ours/Porcupine on those: median 0.600, worst 0.600"
                        + " (b: ours 6.0 ms, Porcupine 10.0 ms), within 1/2 on 2/4%n"
                        + "  Porcupine's verdict agrees with ours on 4/5 it decided%n"
                        + "  over 1/2: b: ours 6.0 ms, Porcupine 10.0 ms; g: ours 0.001 ms, Porcupine 0.002 ms%n"));
    }

    @Test
    void withNothingQuickTheSummarySaysSo() {
        SideBySide sideBySide = new SideBySide("Porcupine");
        sideBySide.add("a", "valid", 2, answer("unknown", 1500));

        StringWriter text = new StringWriter();
        sideBySide.print(new PrintWriter(text, true), "");

        assertThat(text.toString()).startsWith("Porcupine decided 0/1 in < 1 s; ratio ours/Porcupine on those:"
                + " median -, worst -, within 1/2 on 0/0");
    }

    @Test
    void aLongListOfHistoriesOverHalfIsCutAfterTen() {
        SideBySide sideBySide = new SideBySide("Porcupine");
        for (int i = 0; i < 12; i++) {
            sideBySide.add("h" + i, "valid", 9, answer("valid", 10));
        }

        StringWriter text = new StringWriter();
        sideBySide.print(new PrintWriter(text, true), "");

        assertThat(text.toString().lines().toList().get(2)).startsWith("over 1/2: h0: ours 9.0 ms, Porcupine 10.0 ms;")
                .contains("h9: ours").doesNotContain("h10:").endsWith("; and 2 more");
    }

    private static ExternalChecker.Answer answer(String verdict, double millis) {
        return new ExternalChecker.Answer(verdict, millis, null);
    }
}
