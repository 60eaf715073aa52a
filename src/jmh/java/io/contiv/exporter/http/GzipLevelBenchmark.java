package io.contiv.exporter.http;

import io.contiv.exporter.bench.SyntheticNode;
import io.contiv.exporter.endpoint.EndpointJoin;
import io.contiv.exporter.endpoint.EndpointMetrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * The deflate level for the parts a refresh compresses once for all scrapers: the OpenMetrics text of 10,000
 * endpoints compressed as one part at each level. Time per compression here; the size each level gives is printed
 * at setup ({@code GZIP-LEVEL} lines in the JMH output).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms128m", "-Xmx128m", "-XX:+UseSerialGC"})
public class GzipLevelBenchmark {

    @Param({"1", "3", "6", "9"})
    public int level;

    private byte[] plain;
    private java.util.zip.Deflater deflater;

    @Setup
    public void build() throws IOException {
        deflater = new java.util.zip.Deflater(level, true);
        SyntheticNode node = new SyntheticNode(10_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, new MetricSnapshots(new EndpointMetrics().snapshots(
                EndpointJoin.join(node.directory(), node.interfaces(), ""))), EscapingScheme.UNDERSCORE_ESCAPING);
        plain = out.toByteArray();
        long compressed = compress().size();
        System.out.printf(Locale.ROOT, "GZIP-LEVEL %d: %d bytes of text -> %d bytes (%.1f %%)%n", level, plain.length,
                compressed, 100.0 * compressed / plain.length);
    }

    @Benchmark
    public GzipParts.Part compress() {
        return GzipParts.compress(plain, deflater);
    }
}
