package io.contiv.exporter.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Closed-loop scrapers: each sends its next scrape as soon as the last one finished. */
final class ScrapeLoad {

    private static final long PHASE_TIMEOUT_MINUTES = 10;

    private ScrapeLoad() {
    }

    /**
     * Runs {@code total} scrapes spread over {@code scrapers} threads and returns each one's duration. Any answer
     * other than 200 fails the phase: a fast error is not a fast scrape.
     */
    static List<Long> run(MetricsScraper scraper, int scrapers, int total) {
        ExecutorService pool = Executors.newFixedThreadPool(scrapers);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int s = 0; s < scrapers; s++) {
                int share = total / scrapers + (s < total % scrapers ? 1 : 0);
                results.add(pool.submit(() -> scrapeRepeatedly(scraper, share)));
            }
            List<Long> durations = new ArrayList<>(total);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(PHASE_TIMEOUT_MINUTES);
            for (Future<List<Long>> result : results) {
                durations.addAll(result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return Collections.unmodifiableList(durations);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scraper failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(total + " scrapes took longer than " + PHASE_TIMEOUT_MINUTES + " min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Closed-loop scrapers for a fixed time; returns how many scrapes they made. */
    static int runFor(MetricsScraper scraper, int scrapers, Duration duration) {
        ExecutorService pool = Executors.newFixedThreadPool(scrapers);
        long end = System.nanoTime() + duration.toNanos();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < scrapers; s++) {
                results.add(pool.submit(() -> {
                    int count = 0;
                    while (System.nanoTime() < end) {
                        if (scraper.scrape().status() != 200) {
                            throw new IOException("scrape answered HTTP non-200");
                        }
                        count++;
                    }
                    return count;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(duration.toMillis() + TimeUnit.MINUTES.toMillis(PHASE_TIMEOUT_MINUTES),
                        TimeUnit.MILLISECONDS);
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scraper failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("scrapers did not stop after " + duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> scrapeRepeatedly(MetricsScraper scraper, int count) throws IOException {
        List<Long> durations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MetricsScraper.Response response = scraper.scrape();
            if (response.status() != 200) {
                throw new IOException("scrape answered HTTP " + response.status());
            }
            durations.add(response.nanos());
        }
        return durations;
    }
}
