package io.contiv.exporter.http;

import io.contiv.exporter.bench.SyntheticNode;
import io.contiv.exporter.endpoint.EndpointCollector;
import io.contiv.exporter.endpoint.EndpointDirectory;
import io.contiv.exporter.endpoint.EndpointMetrics;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.testing.FixedEndpointDirectory;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the exporter does once per statistics refresh, after the rows are decoded: publish the endpoint families
 * for the new values (the label sets are reused) and encode them once for the variant Prometheus scrapes
 * (OpenMetrics, gzip), or plain text; and, for comparison, what the client library's own path costs for the same
 * families (build snapshots, write them, gzip them whole).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the heap the sidecar has
@Fork(value = 1, jvmArgsAppend = {"-Xms128m", "-Xmx128m", "-XX:+UseSerialGC"})
public class RefreshBenchmark {

    @Param({"1000", "10000"})
    public int endpoints;

    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
    // unlike OutputStream.nullOutputStream(), still writable after the gzip stream around it is closed
    private final OutputStream nowhere = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }
    };
    private List<List<OvsInterface>> versions;
    private volatile List<OvsInterface> current;
    private EndpointCollector collector;
    private EncodedFamilies openMetricsGzip;
    private EncodedFamilies plainText;
    private int round;

    @Setup
    public void build() throws IOException {
        SyntheticNode node = new SyntheticNode(endpoints);
        versions = node.rowsAfterRefreshes(1, 2).subList(1, 3);
        current = versions.get(0);
        EndpointDirectory directory = node.directory();
        collector = new EndpointCollector(new FixedEndpointDirectory(directory), () -> current, new EndpointMetrics(),
                "node1");
        openMetricsGzip = new EncodedFamilies();
        openMetricsGzip.encode(List.of(collector.publication()), openMetrics, EscapingScheme.UNDERSCORE_ESCAPING, true);
        plainText = new EncodedFamilies();
        plainText.encode(List.of(collector.publication()), text, EscapingScheme.UNDERSCORE_ESCAPING, false);
    }

    private Publication refreshed() {
        current = versions.get(round++ & 1);
        return collector.publication();
    }

    /** A refresh as in production: new values published, encoded once for OpenMetrics with gzip. */
    @Benchmark
    public void publishAndEncodeOpenMetricsGzip() throws IOException {
        openMetricsGzip.preEncode(refreshed());
    }

    /** The same for plain text (what a person with curl gets), kept uncompressed. */
    @Benchmark
    public void publishAndEncodeText() throws IOException {
        plainText.preEncode(refreshed());
    }

    /** Publishing alone: the families of the new values over the label sets built before. */
    @Benchmark
    public Publication publish() {
        return refreshed();
    }

    /** For comparison: the client library's path for the same families, gzip over the whole text. */
    @Benchmark
    public void libraryOpenMetricsGzip() throws IOException {
        Publication publication = refreshed();
        try (GZIPOutputStream gzip = new GZIPOutputStream(nowhere, 64 * 1024)) {
            openMetrics.write(gzip, new MetricSnapshots(publication.families()), EscapingScheme.UNDERSCORE_ESCAPING);
        }
    }
}
