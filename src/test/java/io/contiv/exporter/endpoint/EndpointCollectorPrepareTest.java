package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.ovsdb.InterfaceState;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.contiv.exporter.testing.FixedEndpointDirectory;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Building the endpoint families in the background, so that a scrape after a change finds them ready. */
class EndpointCollectorPrepareTest {

    private final AtomicReference<List<OvsInterface>> rows = new AtomicReference<>(List.of(row(1)));
    private final AtomicReference<OvsdbException> ovsdbDown = new AtomicReference<>();
    private final HealthCollector health = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.OVSDB));
    private final List<Publication> prepared = new ArrayList<>();
    private final EndpointCollector collector = new EndpointCollector(new FixedEndpointDirectory(
            EndpointDirectory.of(List.of(new EndpointMetadata("ep1", "default", "net1", "", "pod-1", "c1", "node1",
                    List.of("10.0.0.2"), "02:02:0a:00:00:02")))), () -> {
        if (ovsdbDown.get() != null) {
            throw ovsdbDown.get();
        }
        return rows.get();
    }, new EndpointMetrics(), "node1");

    @Test
    void aScrapeAfterPrepareServesTheFamiliesPrepareBuiltAndHandedOn() {
        collector.prepare(prepared::add);

        assertThat(prepared).hasSize(1);
        assertThat(collector.publication()).isSameAs(prepared.get(0));
        List<MetricSnapshot> scraped = endpointFamilies(collector.collect());
        assertThat(scraped).extracting(s -> s.getMetadata().getPrometheusName())
                .containsExactlyInAnyOrderElementsOf(prepared.get(0).parts().stream()
                        .map(family -> family.prometheusName()).toList());
    }

    @Test
    void prepareBuildsOnlyWhenOvsOrTheDirectoryChanged() {
        collector.prepare(prepared::add);
        collector.prepare(prepared::add);
        assertThat(prepared).hasSize(1);

        rows.set(List.of(row(2)));
        collector.prepare(prepared::add);
        assertThat(prepared).hasSize(2);
    }

    @Test
    void prepareRecordsNoHealthAndServesNoCountersWhileOvsCannotBeRead() {
        collector.prepare(prepared::add);
        ovsdbDown.set(new OvsdbException("no OVSDB"));

        collector.prepare(prepared::add);

        assertThat(prepared).hasSize(2);
        assertThat(endpointFamilies(collector.collect()))
                .noneMatch(s -> s.getMetadata().getName().equals("contiv_endpoint_transmit_bytes"));
        // a background read is no scrape: the error counter stays as the source left it
        CounterSnapshot errors = (CounterSnapshot) health.publication().families().stream()
                .filter(s -> s.getMetadata().getName().equals("contiv_exporter_source_errors")).findFirst().orElseThrow();
        assertThat(errors.getDataPoints().get(0).getValue()).isZero();
    }

    @Test
    void preparedInBackgroundAScrapeNeverRebuildsAndANewVersionIsServedOnlyOnceEncoded() {
        collector.prepareInBackground();
        collector.prepare(prepared::add);
        Publication first = collector.publication();
        assertThat(first).isSameAs(prepared.get(0));

        rows.set(List.of(row(2)));
        assertThat(collector.publication()).as("no rebuild by a scrape").isSameAs(first);

        List<Publication> servedWhileEncoding = new ArrayList<>();
        collector.prepare(next -> {
            servedWhileEncoding.add(collector.publication());
            prepared.add(next);
        });
        assertThat(servedWhileEncoding).containsExactly(first);
        assertThat(collector.publication()).isSameAs(prepared.get(1));
        assertThat(prepared.get(1).version()).isGreaterThan(first.version());
    }

    private static List<MetricSnapshot> endpointFamilies(MetricSnapshots snapshots) {
        return StreamSupport.stream(snapshots.spliterator(), false)
                .filter(s -> !s.getMetadata().getName().startsWith("contiv_exporter_")).toList();
    }

    private static OvsInterface row(long bytes) {
        return new OvsInterface("uuid-1", "vvport1", Map.of(OvsInterface.ENDPOINT_ID_KEY, "ep1"),
                Map.of("rx_bytes", bytes, "tx_bytes", bytes), InterfaceState.UNKNOWN);
    }
}
