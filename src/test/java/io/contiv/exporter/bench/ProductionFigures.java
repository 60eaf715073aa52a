package io.contiv.exporter.bench;

import java.util.List;

/** What the production phase measured at one node size. */
record ProductionFigures(
        int endpoints,
        double firstCompleteScrapeMillis,
        double cpuToFirstCompleteScrapeMillis,
        double seconds,
        int writes,
        LatencySummary latency,
        int scrapes,
        int freshScrapes,
        int incompleteScrapes,
        int failedScrapes,
        double cpuShareOfOneCore,
        double peakResidentMiB,
        ExporterJvm.Heap heap,
        double writeMillisMedian,
        long responseBytes,
        boolean aliveAtEnd,
        String loadBefore,
        String loadAfter,
        List<String> exporterWarnings) {
}
