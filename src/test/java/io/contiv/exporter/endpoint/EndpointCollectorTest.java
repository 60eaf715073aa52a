package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.SeriesFamily;
import io.contiv.exporter.ovsdb.InterfaceState;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.contiv.exporter.support.ExpositionText;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EndpointCollectorTest {

    private static final EndpointMetadata WEB = new EndpointMetadata("ep-web", "t", "n", "g", "web", "c1", "node1",
            List.of("10.0.0.1"), "02:00:00:00:00:01");
    private static final EndpointMetadata DB = new EndpointMetadata("ep-db", "t", "n", "", "db", "c2", "node1",
            List.of("10.0.0.2"), "02:00:00:00:00:02");

    private final HealthCollector health = new HealthCollector(Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC),
            EnumSet.of(Source.NETMASTER, Source.OVSDB));
    private final FakeDirectory directory = new FakeDirectory();
    private final AtomicReference<List<OvsInterface>> rows = new AtomicReference<>();
    private final AtomicReference<OvsdbException> ovsdbFailure = new AtomicReference<>();

    private final EndpointCollector collector = new EndpointCollector(directory, () -> {
        if (ovsdbFailure.get() != null) {
            throw ovsdbFailure.get();
        }
        return rows.get();
    }, new EndpointMetrics(), "node1");
    private final Exposition exposition = new Exposition(List.of(collector, health));

    private static OvsInterface row(String name, String endpointId, long rxBytes) {
        return new OvsInterface("u-" + name, name, Map.of("endpoint-id", endpointId), Map.of("rx_bytes", rxBytes),
                InterfaceState.UNKNOWN);
    }

    private Map<String, Double> scrape() {
        return ExpositionText.samples(ExpositionText.text(exposition.registry().scrape()));
    }

    @Test
    void joinsAndReportsOrphansAndMissingInterfaces() {
        directory.set(EndpointDirectory.of(List.of(WEB, DB)));
        rows.set(List.of(row("vvport1", "ep-web", 10), row("vvport9", "ep-stranger", 1)));

        Map<String, Double> samples = scrape();

        assertThat(samples).containsEntry("contiv_endpoint_transmit_bytes_total{container=\"web\",endpoint_group=\"g\","
                + "host=\"node1\",interface=\"vvport1\",network=\"n\",tenant=\"t\"}", 10.0)
                .containsEntry("contiv_orphan_interfaces", 1.0)
                .containsEntry("contiv_missing_endpoint_interfaces", 1.0);
        assertThat(directory.told).containsExactly(Set.of("ep-web", "ep-stranger"));
    }

    @Test
    void theDirectoryIsToldWhichEndpointsOvsHoldsWhenTheRowsChange() {
        directory.set(EndpointDirectory.of(List.of(WEB)));
        List<OvsInterface> first = List.of(row("vvport1", "ep-web", 10), row("vvport2", "ep-new", 5));
        rows.set(first);
        scrape();
        scrape();
        rows.set(List.of(row("vvport1", "ep-web", 11)));
        scrape();

        assertThat(directory.told).containsExactly(Set.of("ep-web", "ep-new"), Set.of("ep-web"));
    }

    @Test
    void withoutMetadataNothingIsCalledAnOrphan() {
        directory.set(null);
        rows.set(List.of(row("vvport1", "ep-web", 10)));

        Map<String, Double> samples = scrape();

        assertThat(samples).doesNotContainKey("contiv_orphan_interfaces")
                .doesNotContainKey("contiv_missing_endpoint_interfaces");
        assertThat(samples.keySet()).noneMatch(k -> k.startsWith("contiv_endpoint_transmit"));
    }

    @Test
    void aFailingSwitchStillServesHealthAndRecovers() {
        directory.set(EndpointDirectory.of(List.of(WEB)));
        ovsdbFailure.set(new OvsdbException("connection refused"));
        // the source reports its own failures as they happen (OvsdbMonitor), not the collector
        health.reporter(Source.OVSDB).start().failed(ovsdbFailure.get());

        Map<String, Double> down = scrape();
        assertThat(down).containsEntry("contiv_exporter_source_up{source=\"ovsdb\"}", 0.0)
                .containsEntry("contiv_exporter_source_errors_total{source=\"ovsdb\"}", 1.0)
                .doesNotContainKey("contiv_orphan_interfaces");
        assertThat(down.keySet()).noneMatch(k -> k.startsWith("contiv_endpoint_transmit"));
        assertThat(scrape()).as("scrapes do not count failures")
                .containsEntry("contiv_exporter_source_errors_total{source=\"ovsdb\"}", 1.0);

        ovsdbFailure.set(null);
        health.reporter(Source.OVSDB).start().succeeded();
        rows.set(List.of(row("vvport1", "ep-web", 42)));
        Map<String, Double> up = scrape();
        assertThat(up).containsEntry("contiv_exporter_source_up{source=\"ovsdb\"}", 1.0)
                .containsEntry("contiv_exporter_source_last_success_timestamp_seconds{source=\"ovsdb\"}", 1000.0)
                .containsEntry("contiv_endpoint_transmit_bytes_total{container=\"web\",endpoint_group=\"g\","
                        + "host=\"node1\",interface=\"vvport1\",network=\"n\",tenant=\"t\"}", 42.0);
    }

    @Test
    void unchangedInputsReuseTheBuiltSeries() {
        directory.set(EndpointDirectory.of(List.of(WEB)));
        List<OvsInterface> same = List.of(row("vvport1", "ep-web", 10));
        rows.set(same);

        Publication first = collector.publication();
        Publication second = collector.publication();

        assertThat(second).isSameAs(first);
    }

    @Test
    void aStatisticsRefreshReusesTheLabelSetsAndAnIdentityChangeRebuildsThem() {
        directory.set(EndpointDirectory.of(List.of(WEB, DB)));
        OvsInterface web = row("vvport1", "ep-web", 10);
        OvsInterface db = row("vvport2", "ep-db", 20);
        rows.set(List.of(web, db));
        SeriesFamily before = transmitBytes(collector.publication());

        // what the monitor makes of a statistics refresh: new rows sharing name and external IDs with the old
        rows.set(List.of(new OvsInterface(web.uuid(), web.name(), web.externalIds(), Map.of("rx_bytes", 11L),
                web.state()), new OvsInterface(db.uuid(), db.name(), db.externalIds(), Map.of("rx_bytes", 21L),
                db.state())));
        SeriesFamily refreshed = transmitBytes(collector.publication());

        assertThat(refreshed.labels()).isSameAs(before.labels());
        assertThat(List.of(refreshed.value(0), refreshed.value(1))).containsExactly(21.0, 11.0);

        rows.set(List.of(row("vvport1", "ep-web", 12)));
        SeriesFamily fewer = transmitBytes(collector.publication());
        assertThat(fewer.labels()).isNotSameAs(before.labels());
        assertThat(fewer.size()).isEqualTo(1);
        assertThat(fewer.value(0)).isEqualTo(12.0);
    }

    private static SeriesFamily transmitBytes(Publication publication) {
        return publication.parts().stream().filter(f -> f.prometheusName().equals("contiv_endpoint_transmit_bytes"))
                .map(SeriesFamily.class::cast).findFirst().orElseThrow();
    }

    private static final class FakeDirectory implements EndpointDirectorySource {
        private EndpointDirectory directory;
        private long version;
        final List<Set<String>> told = new ArrayList<>();

        void set(EndpointDirectory directory) {
            this.directory = directory;
            version++;
        }

        @Override
        public Optional<EndpointDirectory> current() {
            return Optional.ofNullable(directory);
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public void localEndpoints(Set<String> endpointIds) {
            told.add(Set.copyOf(endpointIds));
        }
    }
}
