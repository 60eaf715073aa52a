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
        List<String> exporterWarnings,
        GcPauses gc,
        OvsdbStalls ovsdbStalls) {

    ProductionFigures with(GcPauses gc, OvsdbStalls ovsdbStalls) {
        return new ProductionFigures(endpoints, firstCompleteScrapeMillis, cpuToFirstCompleteScrapeMillis, seconds,
                writes, latency, scrapes, freshScrapes, incompleteScrapes, failedScrapes, cpuShareOfOneCore,
                peakResidentMiB, heap, writeMillisMedian, responseBytes, aliveAtEnd, loadBefore, loadAfter,
                exporterWarnings, gc, ovsdbStalls);
    }
}
