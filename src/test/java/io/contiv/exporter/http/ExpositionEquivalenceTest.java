package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.endpoint.EndpointCollector;
import io.contiv.exporter.endpoint.EndpointDirectory;
import io.contiv.exporter.endpoint.EndpointMetadata;
import io.contiv.exporter.endpoint.EndpointMetrics;
import io.contiv.exporter.endpoint.EndpointMetricsWriter;
import io.contiv.exporter.endpoint.LegacyEndpointMetrics;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.metrics.SeriesFamily;
import io.contiv.exporter.ovsdb.InterfaceState;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.testing.FixedEndpointDirectory;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a scrape serves (series families written by {@link SeriesWriter}, gzip parts joined into one member) is byte
 * for byte what the client library's writers make of the same families, for plain text, OpenMetrics, with and
 * without gzip, under every name escaping scheme, with label values and numbers that need care.
 */
class ExpositionEquivalenceTest {

    private static final List<ExpositionFormatWriter> WRITERS = List.of(PrometheusTextFormatWriter.create(),
            OpenMetricsTextFormatWriter.create());
    private static final List<String> ODD_VALUES = List.of("", "plain", "quo\"te", "back\\slash", "new\nline",
            "\\\"\n\\n", "ñandú", "服务", "emoji \uD83D\uDE00", "tab\tand\rcarriage", "trailing\\", "{},=\" ",
            "a,b,c");
    private static final List<Long> ODD_NUMBERS = List.of(0L, 1L, 9_999_999L, 10_000_000L, 674_996_843L,
            123_456_789_012L, (1L << 53) + 1, Long.MAX_VALUE, -1L, -674_996_843L, Long.MIN_VALUE, 1L << 20,
            3L << 40, 100_000_000L);

    @Example
    void oddLabelsAndNumbersServeExactlyWhatTheLibraryWrites() throws IOException {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < ODD_VALUES.size(); i++) {
            String odd = ODD_VALUES.get(i);
            Map<String, Long> statistics = new LinkedHashMap<>();
            statistics.put("rx_bytes", ODD_NUMBERS.get(i % ODD_NUMBERS.size()));
            statistics.put("tx_packets", ODD_NUMBERS.get((i + 3) % ODD_NUMBERS.size()));
            statistics.put("collisions", (long) i);
            if (i % 3 == 0) {
                statistics.put("rx_missed_errors", ODD_NUMBERS.get((i + 7) % ODD_NUMBERS.size()));
            }
            InterfaceState state = i % 2 == 0 ? InterfaceState.UNKNOWN : new InterfaceState(Optional.of("up"),
                    Optional.of(i % 4 == 1 ? "down" : "up"), Optional.of(1450L), Optional.of((long) -i),
                    Optional.of((long) i));
            nodes.add(new Node(new EndpointMetadata("ep" + i, odd, "net-" + odd, i % 5 == 0 ? "" : "g" + odd,
                    "pod " + odd, "c" + i, "node1", List.of("10.0.0." + i, odd), "02:00:" + odd),
                    "vvport" + i + odd, statistics, state));
        }
        for (EndpointMetricsWriter scheme : List.of(new EndpointMetrics(), new LegacyEndpointMetrics())) {
            List<Publication> publications = publications(nodes, scheme);
            assertThat(publications.get(0).parts()).hasAtLeastOneElementOfType(SeriesFamily.class);
            for (ExpositionFormatWriter writer : WRITERS) {
                for (EscapingScheme escaping : EscapingScheme.values()) {
                    for (boolean gzip : List.of(false, true)) {
                        assertThat(served(publications, writer, escaping, gzip))
                                .as("%s, %s, escaping %s, gzip %s", scheme.getClass().getSimpleName(),
                                        writer.getContentType(), escaping, gzip)
                                .isEqualTo(library(publications, writer, escaping));
                    }
                }
            }
        }
    }

    @Example
    void theSeriesOfEveryEndpointFamilyAreWrittenHereInTheFormatsPrometheusAsksFor() throws IOException {
        List<Node> nodes = List.of(new Node(new EndpointMetadata("ep1", "t", "n", "g", "c", "c1", "node1",
                List.of("10.0.0.1"), "m"), "vvport1", Map.of("rx_bytes", 5L, "tx_bytes", 6L),
                new InterfaceState(Optional.of("up"), Optional.of("up"), Optional.of(1500L), Optional.of(0L),
                        Optional.of(3L))));
        for (EndpointMetricsWriter scheme : List.of(new EndpointMetrics(), new LegacyEndpointMetrics())) {
            for (PublishedFamily family : publications(nodes, scheme).get(0).parts()) {
                if (!(family instanceof SeriesFamily series)) {
                    continue;
                }
                for (ExpositionFormatWriter writer : WRITERS) {
                    for (EscapingScheme escaping : List.of(EscapingScheme.UNDERSCORE_ESCAPING,
                            EscapingScheme.ALLOW_UTF8)) {
                        assertThat(SeriesWriter.probe(series.family(), writer, escaping))
                                .as("%s in %s, %s", series.family().name(), writer.getContentType(), escaping)
                                .isPresent();
                    }
                }
            }
        }
        // and a family whose names the library rewrites is left to it
        MetricFamily dotted = MetricFamily.gauge("contiv_test_dotted", "Test.", List.of("label_name"));
        assertThat(SeriesWriter.probe(dotted, PrometheusTextFormatWriter.create(), EscapingScheme.DOTS_ESCAPING))
                .isEmpty();
    }

    @Property(tries = 60)
    void anyLabelsAndCountersServeExactlyWhatTheLibraryWrites(@ForAll("nodes") List<Node> nodes,
                                                              @ForAll boolean legacy) throws IOException {
        List<Publication> publications = publications(nodes, legacy ? new LegacyEndpointMetrics()
                : new EndpointMetrics());
        for (ExpositionFormatWriter writer : WRITERS) {
            for (boolean gzip : List.of(false, true)) {
                assertThat(served(publications, writer, EscapingScheme.UNDERSCORE_ESCAPING, gzip))
                        .isEqualTo(library(publications, writer, EscapingScheme.UNDERSCORE_ESCAPING));
            }
        }
    }

    @Property(tries = 3000)
    void valuesAreWrittenAsDoubleToStringWritesThem(@ForAll long whole, @ForAll double any,
                                                    @ForAll @net.jqwik.api.constraints.IntRange(max = 62) int shift) {
        long counter = Math.abs(whole % (1L << 53));
        for (double value : new double[] {whole, any, counter, counter >>> shift, (counter >>> shift) << shift,
            whole % 10_000_000L, Math.abs(whole % 100_000L) + 0.5, -counter, Double.NaN, -0.0}) {
            byte[] buffer = new byte[DoubleText.MAX_LENGTH];
            int end = new DoubleText().write(value, buffer, 0);
            String expected = value == Double.POSITIVE_INFINITY ? "+Inf"
                    : value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(value);
            assertThat(new String(buffer, 0, end, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    // ---- data

    /** One endpoint and its interface. */
    record Node(EndpointMetadata endpoint, String interfaceName, Map<String, Long> statistics, InterfaceState state) {
    }

    @Provide
    Arbitrary<List<Node>> nodes() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(ODD_VALUES),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("\"\\\n{}=, aé服").ofMaxLength(6));
        Arbitrary<Long> number = Arbitraries.oneOf(Arbitraries.of(ODD_NUMBERS), Arbitraries.longs(),
                Arbitraries.longs().between(0, 20_000_000));
        Arbitrary<Map<String, Long>> statistics = Arbitraries.maps(Arbitraries.of("rx_bytes", "tx_bytes",
                "rx_packets", "collisions", "rx_crc_err", "odd key", "tx_x.y"), number).ofMaxSize(5);
        Arbitrary<InterfaceState> state = Combinators.combine(Arbitraries.of("up", "down").optional(),
                number.optional(), number.optional()).as((admin, mtu, resets) -> new InterfaceState(admin,
                admin, mtu, resets, mtu));
        Arbitrary<Node> node = Combinators.combine(text, text, text, text, statistics, state, text)
                .as((tenant, network, group, container, stats, st, name) -> new Node(new EndpointMetadata(
                        "ep-" + tenant + name, tenant, network, group, container, "c", "node1", List.of(network),
                        "mac"), name, stats, st));
        return node.list().ofMaxSize(6).uniqueElements(n -> n.interfaceName())
                .uniqueElements(n -> n.endpoint().endpointId());
    }

    private static List<Publication> publications(List<Node> nodes, EndpointMetricsWriter scheme) {
        List<EndpointMetadata> endpoints = new ArrayList<>();
        List<OvsInterface> rows = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            endpoints.add(node.endpoint());
            rows.add(new OvsInterface("u" + i, node.interfaceName(),
                    Map.of(OvsInterface.ENDPOINT_ID_KEY, node.endpoint().endpointId()), node.statistics(),
                    node.state()));
        }
        // and one interface netmaster does not know, one endpoint OVS lacks: the node-health families too
        rows.add(new OvsInterface("u-orphan", "vvport-orphan", Map.of(OvsInterface.ENDPOINT_ID_KEY, "stranger"),
                Map.of("rx_bytes", 1L), InterfaceState.UNKNOWN));
        endpoints.add(new EndpointMetadata("ep-missing", "t", "n", "", "gone", "c", "node1", List.of(), ""));
        EndpointDirectory directory = EndpointDirectory.of(endpoints);
        EndpointCollector collector = new EndpointCollector(new FixedEndpointDirectory(directory), () -> rows, scheme, "node1");
        HealthCollector health = new HealthCollector(Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC),
                EnumSet.of(Source.OVSDB, Source.NETMASTER));
        return List.of(collector.publication(), health.publication());
    }

    private static String served(List<Publication> publications, ExpositionFormatWriter writer,
                                 EscapingScheme escaping, boolean gzip) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : new EncodedFamilies().encode(publications, writer, escaping, gzip)) {
            body.writeBytes(part);
        }
        byte[] bytes = body.toByteArray();
        if (gzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String library(List<Publication> publications, ExpositionFormatWriter writer,
                                  EscapingScheme escaping) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out, new MetricSnapshots(publications.stream()
                    .flatMap(publication -> publication.families().stream()).toList()), escaping);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
