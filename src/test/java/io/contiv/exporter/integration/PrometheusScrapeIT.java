package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import io.contiv.exporter.support.ReferenceNetmaster;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.RealPrometheus;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus scrapes the exporter as it does in production: it prefers OpenMetrics and asks for gzip, which
 * the exporter answers with one gzip member per metric family. Prometheus must read every member.
 */
class PrometheusScrapeIT {

    @Test
    void prometheusReadsEveryFamilyOfTheCompressedOpenMetricsScrape() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        Requirements.fromEnvironment().requireBinaries(RealPrometheus.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start();
             NetmasterStandIn netmaster = ReferenceNetmaster.start()) {
            ovsdb.addBridge("contivVxlanBridge");
            for (OvsInterface row : ReferenceData.interfaces()) {
                ovsdb.addInterface("contivVxlanBridge", row.name(), row.externalIds(), row.statistics());
            }
            try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin",
                    "--netmaster", netmaster.hostPort(), "--ovsdb", ovsdb.tcpAddress());
                 RealPrometheus prometheus = RealPrometheus.start("""
                         global:
                           scrape_interval: 1s
                         scrape_configs:
                           - job_name: contiv
                             static_configs:
                               - targets: ['127.0.0.1:%d']
                         """.formatted(exporter.port()))) {
                long samplesInOneScrape = ExpositionText.samples(exporter.get("/metrics").body()).size();

                JsonNode transmitted = prometheus.awaitResult(
                        "contiv_endpoint_transmit_bytes_total{interface=\"vvport4\"}", Duration.ofSeconds(30));
                // the last family in the stream: if Prometheus stopped after the first gzip member it would be missing
                JsonNode up = prometheus.awaitResult("contiv_exporter_source_up{source=\"ovsdb\"}",
                        Duration.ofSeconds(30));
                JsonNode scraped = prometheus.awaitResult("scrape_samples_scraped{job=\"contiv\"}",
                        Duration.ofSeconds(30));

                assertThat(transmitted.get(0).path("value").get(1).asText()).isEqualTo("674996843");
                assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
                assertThat(scraped.get(0).path("value").get(1).asLong()).isEqualTo(samplesInOneScrape);
            }
        }
    }
}
