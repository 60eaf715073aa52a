package io.contiv.exporter.bench;

import io.contiv.exporter.endpoint.EndpointJoin;
import io.contiv.exporter.endpoint.EndpointMetrics;
import io.contiv.exporter.endpoint.JoinResult;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
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
 * From the join to the bytes of a scrape, in the default naming scheme. {@code snapshots} is paid once per change
 * of OVS or netmaster data (the collector memoises it), {@code writeText} on every scrape; {@code snapshotsAndWriteText}
 * is a scrape right after a change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed heap keeps heap resizing out of the figures (some operations allocate over 100 MiB)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExpositionBenchmark {

    @Param({"1000", "10000"})
    public int endpoints;

    private final EndpointMetrics metrics = new EndpointMetrics();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final OutputStream nowhere = OutputStream.nullOutputStream();
    private JoinResult join;
    private MetricSnapshots snapshots;

    @Setup
    public void build() throws IOException {
        SyntheticNode node = new SyntheticNode(endpoints);
        join = EndpointJoin.join(node.directory(),
                node.interfaces(), "");
        snapshots = new MetricSnapshots(metrics.snapshots(join));
    }

    @Benchmark
    public List<MetricSnapshot> snapshots() {
        return metrics.snapshots(join);
    }

    @Benchmark
    public void writeText() throws IOException {
        writer.write(nowhere, snapshots);
    }

    @Benchmark
    public void snapshotsAndWriteText() throws IOException {
        writer.write(nowhere, new MetricSnapshots(metrics.snapshots(join)));
    }
}
