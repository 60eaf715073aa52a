package io.contiv.exporter.bench;

import io.contiv.exporter.endpoint.EndpointDirectory;
import io.contiv.exporter.endpoint.EndpointJoin;
import io.contiv.exporter.endpoint.JoinResult;
import io.contiv.exporter.ovsdb.OvsInterface;
import java.io.IOException;
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

/** Matching N OVS interfaces to a directory of N netmaster endpoints (every one matches). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed heap keeps heap resizing out of the figures (some operations allocate over 100 MiB)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JoinBenchmark {

    @Param({"1000", "10000"})
    public int endpoints;

    private EndpointDirectory directory;
    private List<OvsInterface> interfaces;

    @Setup
    public void build() throws IOException {
        SyntheticNode node = new SyntheticNode(endpoints);
        directory = node.directory();
        interfaces = node.interfaces();
    }

    @Benchmark
    public JoinResult join() {
        return EndpointJoin.join(directory, interfaces, "");
    }
}
