package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedFamiliesTest {

    private final EncodedFamilies encoded = new EncodedFamilies();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Test
    void aFamilyIsEncodedOnceAndReusedWhileItIsTheSameSnapshot() throws Exception {
        MetricSnapshot stays = gauge("contiv_test_a", 1);

        List<byte[]> first = encoded.encode(MetricSnapshots.of(stays, gauge("contiv_test_b", 1)), writer,
                EscapingScheme.UNDERSCORE_ESCAPING, false);
        List<byte[]> second = encoded.encode(MetricSnapshots.of(stays, gauge("contiv_test_b", 2)), writer,
                EscapingScheme.UNDERSCORE_ESCAPING, false);

        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1)).isNotSameAs(first.get(1));
        assertThat(new String(second.get(1))).contains("contiv_test_b 2.0");
    }

    @Test
    void plainAndCompressedAreKeptApart() throws Exception {
        MetricSnapshot stays = gauge("contiv_test_a", 1);

        byte[] plain = encoded.encode(MetricSnapshots.of(stays), writer, EscapingScheme.UNDERSCORE_ESCAPING, false).get(0);
        byte[] gzip = encoded.encode(MetricSnapshots.of(stays), writer, EscapingScheme.UNDERSCORE_ESCAPING, true).get(0);

        assertThat(new String(plain)).startsWith("# HELP contiv_test_a");
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void familiesEncodedAheadAreServedByTheNextScrapeOfEveryVariantScrapedLately() throws Exception {
        encoded.encode(MetricSnapshots.of(gauge("contiv_test_a", 1)), writer, EscapingScheme.UNDERSCORE_ESCAPING, false);
        encoded.encode(MetricSnapshots.of(gauge("contiv_test_a", 1)), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);
        MetricSnapshot changed = gauge("contiv_test_a", 2);

        encoded.preEncode(List.of(changed));
        long afterPreEncode = encoded.partsEncoded();
        List<byte[]> plain = encoded.encode(MetricSnapshots.of(changed), writer, EscapingScheme.UNDERSCORE_ESCAPING,
                false);
        encoded.encode(MetricSnapshots.of(changed), writer, EscapingScheme.UNDERSCORE_ESCAPING, true);

        assertThat(encoded.partsEncoded()).isEqualTo(afterPreEncode);
        assertThat(new String(plain.get(0))).contains("contiv_test_a 2.0");
    }

    private static GaugeSnapshot gauge(String name, double value) {
        return GaugeSnapshot.builder().name(name).help("Test.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
