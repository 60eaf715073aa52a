package io.contiv.exporter.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Scrapes an exporter from the moment its JVM starts until one answer lists every endpoint. */
final class FirstCompleteScrape {

    /** How many endpoints an answer's body lists. */
    @FunctionalInterface
    interface EndpointCount {
        int in(byte[] body) throws IOException;
    }

    private FirstCompleteScrape() {
    }

    /**
     * Milliseconds from the JVM's start to its first answer and to its first complete one.
     *
     * @param endpointsIn reads an answer's body as {@code scraper} asks for it (plain text or gzip)
     */
    static SizeFigures.Startup await(ExporterJvm jvm, MetricsScraper scraper, int endpoints, Duration limit,
                                     EndpointCount endpointsIn) throws Exception {
        long deadline = jvm.startedNanos() + limit.toNanos();
        double firstAnswer = Double.NaN;
        int lastSeen = -1;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the exporter exited:\n" + jvm.logTail());
            }
            MetricsScraper.Response response;
            try {
                response = scraper.scrapeKeepingBody();
            } catch (IOException notListeningYet) {
                TimeUnit.MILLISECONDS.sleep(10);
                continue;
            }
            double sinceStart = (System.nanoTime() - jvm.startedNanos()) / 1e6;
            if (Double.isNaN(firstAnswer)) {
                firstAnswer = sinceStart;
            }
            if (response.status() == 200) {
                lastSeen = endpointsIn.in(response.body());
                if (lastSeen == endpoints) {
                    return new SizeFigures.Startup(firstAnswer, sinceStart);
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("no complete scrape within " + limit + " (last one had " + lastSeen
                + " of " + endpoints + " endpoints):\n" + jvm.logTail());
    }
}
