package io.contiv.exporter.bench;

import java.util.Comparator;
import java.util.List;

/** Everything measured for one node size. */
record SizeFigures(
        int endpoints,
        int dataNetworks,
        List<Startup> startups,
        Phase oneScraper,
        Phase fourScrapers,
        Phase fourScrapersAsPrometheus,
        Phase afterStatisticsRefresh,
        int freshScrapesAfterRefresh,
        ExporterJvm.Heap heap,
        NetmasterLoad netmasterAtFullSpeed,
        NetmasterLoad netmasterAt5s,
        OvsdbClientFloor.Floor floor,
        List<String> exporterWarnings) {

    /** From starting the JVM to the first HTTP answer, and to the first one listing every endpoint. */
    record Startup(double firstAnswerMillis, double firstCompleteMillis) {
    }

    /** The median start, by time to the first complete scrape. */
    Startup medianStartup() {
        List<Startup> sorted = startups.stream()
                .sorted(Comparator.comparingDouble(Startup::firstCompleteMillis)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** One latency phase: its scrapes, the exporter's CPU per scrape, and the size of one response. */
    record Phase(String name, int scrapers, LatencySummary latency, double exporterCpuMillisPerScrape,
                 long responseBytes) {
    }

    /** Netmaster requests over a stretch of scraping. */
    record NetmasterLoad(long requests, double seconds, int scrapes, int requestsPerRefreshRound) {

        double requestsPerMinute() {
            return requests * 60 / seconds;
        }

        double refreshRounds() {
            return (double) requests / requestsPerRefreshRound;
        }
    }
}
