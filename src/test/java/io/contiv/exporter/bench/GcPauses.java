package io.contiv.exporter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The exporter's garbage collections during a run, from its {@code -Xlog:gc} file. */
record GcPauses(int young, int full, double maxMillis, double totalMillis) {

    static final GcPauses NONE = new GcPauses(0, 0, Double.NaN, Double.NaN);

    private static final Pattern PAUSE = Pattern.compile("Pause (Young|Full).* ([\\d.]+)ms");

    static GcPauses read(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return NONE;
        }
        int young = 0;
        int full = 0;
        double max = 0;
        double total = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.find()) {
                double millis = Double.parseDouble(pause.group(2));
                if (pause.group(1).equals("Full")) {
                    full++;
                } else {
                    young++;
                }
                max = Math.max(max, millis);
                total += millis;
            }
        }
        return new GcPauses(young, full, max, total);
    }
}
