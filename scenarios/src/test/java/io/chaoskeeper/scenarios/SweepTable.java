package io.chaoskeeper.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detection table of a sync-on-leader sweep, from its {@code runs.tsv}: per version the runs done, the runs
 * that found a stale sync-then-read on the leader, and the stale reads over all sync-then-reads per role.
 */
public final class SweepTable {

    private SweepTable() {
    }

    /** Prints the table of the {@code runs.tsv} named by the first argument. */
    public static void main(String[] args) throws IOException {
        System.out.print(of(Path.of(args[0])));
    }

    /** The table as Markdown. */
    static String of(Path tsv) throws IOException {
        Map<String, long[]> rows = new TreeMap<>(SweepTable::byVersion);
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            long[] row = rows.computeIfAbsent(f[0], v -> new long[8]);
            if (f[2].equals("error")) {
                row[7]++;
                continue;
            }
            row[0]++;
            row[1] += Long.parseLong(f[3]) > 0 ? 1 : 0;
            row[2] += Long.parseLong(f[3]);
            row[3] += Long.parseLong(f[2]);
            row[4] += Long.parseLong(f[5]) > 0 ? 1 : 0;
            row[5] += Long.parseLong(f[5]);
            row[6] += Long.parseLong(f[4]);
        }
        StringBuilder table = new StringBuilder("| version | runs | runs with a stale sync-read on the leader | stale/all"
                + " sync-reads on the leader | runs with one on a follower | stale/all on followers | runs not done |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach((version, r) -> table.append(String.format(Locale.ROOT,
                "| %s | %d | %d | %d/%d | %d | %d/%d | %d |%n", version, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])));
        return table.toString();
    }

    private static int byVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
