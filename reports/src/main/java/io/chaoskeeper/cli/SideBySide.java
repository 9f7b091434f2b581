package io.chaoskeeper.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our checker against another on the same histories (the {@code bench}'s {@code PORCUPINE_CMD}): the ratio of our
 * time to theirs on each history they decided in under a second (issue 12's goal: at most 1/2 on every one), the
 * worst of those with its history named, and how often the two verdicts agree where both decided.
 */
final class SideBySide {

    /** Issue 12 compares only what the other checker decides in under this. */
    private static final double QUICK_MILLIS = 1000;
    /** Issue 12's goal: our time at most this fraction of theirs. */
    private static final double GOAL = 0.5;
    /** Histories over 1/2 named at most, so that a bad run still prints a readable summary. */
    private static final int SHOWN = 10;

    private final String name;
    private final List<Double> ratios = new ArrayList<>();
    private final List<String> overHalf = new ArrayList<>();
    private int histories;
    private int decided;
    private int agreed;
    private double worst;
    private String worstLabel = "-";

    SideBySide(String name) {
        this.name = name;
    }

    /** One history, named by {@code label}: our verdict word and time, and their answer. */
    void add(String label, String ours, double oursMillis, ExternalChecker.Answer theirs) {
        histories++;
        if (!theirs.decided()) {
            return;
        }
        decided++;
        agreed += theirs.verdict().equals(ours) ? 1 : 0;
        if (theirs.millis() < QUICK_MILLIS) {
            double ratio = oursMillis / theirs.millis();
            ratios.add(ratio);
            String times = label + ": ours " + millis(oursMillis) + ", " + name + " " + millis(theirs.millis());
            if (ratio > GOAL) {
                overHalf.add(times);
            }
            if (ratio > worst) {
                worst = ratio;
                worstLabel = String.format(Locale.ROOT, "%.3f (%s)", ratio, times);
            }
        }
    }

    /** A time with a tenth of a millisecond, or three decimals below one, so microsecond checks do not read 0.0. */
    private static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 1 ? "%.3f ms" : "%.1f ms", ms);
    }

    /** The quick histories whose ratio was at most 1/2. */
    long withinHalf() {
        return ratios.size() - overHalf.size();
    }

    /** The histories the other checker decided in under a second. */
    int quick() {
        return ratios.size();
    }

    /** Two lines: the ratios, and the agreement of verdicts; a third names the histories over 1/2, if any. */
    void print(PrintWriter out, String indent) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(Locale.ROOT, "%s%s decided %d/%d in < 1 s; ratio ours/%s on those: median %s, worst %s, within 1/2"
                + " on %d/%d%n", indent, name, quick(), histories, name,
                sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f", sorted[sorted.length / 2]),
                worstLabel, withinHalf(), quick());
        out.printf(Locale.ROOT, "%s%s's verdict agrees with ours on %d/%d it decided%n", indent, name, agreed, decided);
        if (!overHalf.isEmpty()) {
            out.printf(Locale.ROOT, "%sover 1/2: %s%s%n", indent,
                    String.join("; ", overHalf.subList(0, Math.min(SHOWN, overHalf.size()))),
                    overHalf.size() > SHOWN ? "; and " + (overHalf.size() - SHOWN) + " more" : "");
        }
    }
}
