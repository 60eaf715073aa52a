package io.contiv.exporter.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** How BENCHMARKS.md writes figures and table rows, the same in every section. */
final class ReportText {

    private ReportText() {
    }

    /** A table row: the label, then one cell per measured size. */
    static <T> String row(String label, List<T> sizes, Function<T, String> value) {
        StringBuilder row = new StringBuilder("| " + label + " | ");
        for (T size : sizes) {
            row.append(value.apply(size)).append(" | ");
        }
        return row.toString().stripTrailing();
    }

    /** A row of a targets table. */
    static String verdict(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |";
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String mib(double mebibytes) {
        return Double.isNaN(mebibytes) ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", mebibytes);
    }
}
