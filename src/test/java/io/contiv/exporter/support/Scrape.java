package io.contiv.exporter.support;

import java.time.Duration;
import java.util.Map;

/** One scrape of /metrics as a client saw it: the status (-1 when there was no answer), the body, how long it took. */
public record Scrape(int status, String body, Duration latency) {

    public Map<String, Double> samples() {
        return status == 200 ? ExpositionText.samples(body) : Map.of();
    }

    /** The value of one series written as in the exposition (e.g. {@code contiv_tenants}), or NaN when absent. */
    public double value(String series) {
        return samples().getOrDefault(series, Double.NaN);
    }

    public double up(String source) {
        return value("contiv_exporter_source_up{source=\"" + source + "\"}");
    }

    public double errors(String source) {
        return value("contiv_exporter_source_errors_total{source=\"" + source + "\"}");
    }

    /** How many series of the metric the scrape holds. */
    public long count(String metric) {
        return samples().keySet().stream().filter(k -> k.equals(metric) || k.startsWith(metric + "{")).count();
    }

    @Override
    public String toString() {
        return "Scrape[status=" + status + ", latency=" + latency.toMillis() + " ms, " + body.length() + " chars]";
    }
}
