package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.metrics.Publication;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedFamiliesTest {

    private final EncodedFamilies encoded = new EncodedFamilies();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Test
    void aPublicationIsEncodedOnceAndReusedWhileItsVersionStays() throws Exception {
        Publication stays = publication("a", 1, gauge("contiv_test_a", 1));

        List<byte[]> first = encoded.encode(List.of(stays, publication("b", 1, gauge("contiv_test_b", 1))), writer,
                EscapingScheme.UNDERSCORE_ESCAPING, false);
        List<byte[]> second = encoded.encode(List.of(stays, publication("b", 2, gauge("contiv_test_b", 2))), writer,
                EscapingScheme.UNDERSCORE_ESCAPING, false);

        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1)).isNotSameAs(first.get(1));
        assertThat(new String(second.get(1))).contains("contiv_test_b 2.0");
    }

    @Test
    void plainAndCompressedAreKeptApart() throws Exception {
        Publication stays = publication("a", 1, gauge("contiv_test_a", 1));

        byte[] plain = encoded.encode(List.of(stays), writer, EscapingScheme.UNDERSCORE_ESCAPING, false).get(0);
        byte[] gzip = encoded.encode(List.of(stays), writer, EscapingScheme.UNDERSCORE_ESCAPING, true).get(0);

        assertThat(new String(plain)).startsWith("# HELP contiv_test_a");
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void publicationsEncodedAheadAreServedByTheNextScrapeOfEveryVariantScrapedLately() throws Exception {
        Publication first = publication("a", 1, gauge("contiv_test_a", 1));
        encoded.encode(List.of(first), writer, EscapingScheme.UNDERSCORE_ESCAPING, false);
        encoded.encode(List.of(first), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);
        Publication changed = publication("a", 2, gauge("contiv_test_a", 2));

        encoded.preEncode(changed);
        long afterPreEncode = encoded.partsEncoded();
        List<byte[]> plain = encoded.encode(List.of(changed), writer, EscapingScheme.UNDERSCORE_ESCAPING, false);
        encoded.encode(List.of(changed), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);

        assertThat(encoded.partsEncoded()).isEqualTo(afterPreEncode);
        assertThat(new String(plain.get(0))).contains("contiv_test_a 2.0");
    }

    @Test
    void aVersionEncodedAheadLeavesTheServedOneServedUntilAScrapeAsksForTheNew() throws Exception {
        Publication served = publication("a", 1, gauge("contiv_test_a", 1));
        encoded.encode(List.of(served), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);
        Publication next = publication("a", 2, gauge("contiv_test_a", 2));

        encoded.preEncode(next);
        long afterPreEncode = encoded.partsEncoded();
        // the collector makes the new version current only once it is encoded: until then scrapes ask for the old
        encoded.encode(List.of(served), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);
        encoded.encode(List.of(next), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);
        encoded.encode(List.of(next), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);

        assertThat(encoded.partsEncoded()).isEqualTo(afterPreEncode);
    }

    @Test
    void familiesOfAllPublicationsAreServedInTheOrderOfTheirNamesAsTheClientLibraryServesThem() throws Exception {
        List<Publication> publications = List.of(publication("z", 1, gauge("contiv_test_c", 1)),
                publication("y", 1, gauge("contiv_test_b", 1), gauge("contiv_test_d", 1)),
                publication("x", 1, gauge("contiv_test_a", 1)));

        String served = String.join("", encoded.encode(publications, writer, EscapingScheme.UNDERSCORE_ESCAPING,
                false).stream().map(String::new).toList());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writer.write(expected, new MetricSnapshots(publications.stream()
                .flatMap(publication -> publication.families().stream()).toList()), EscapingScheme.UNDERSCORE_ESCAPING);
        assertThat(served).isEqualTo(expected.toString());
    }

    private static Publication publication(String collector, long version, MetricSnapshot... families) {
        return Publication.ofSnapshots(collector, version, List.of(families));
    }

    private static GaugeSnapshot gauge(String name, double value) {
        return GaugeSnapshot.builder().name(name).help("Test.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
