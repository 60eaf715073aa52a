package io.contiv.exporter.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.PolledSource;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.support.DocumentedMetrics;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.testing.IgnoredHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostLinkMetricsTest {

    private static final SourceReporter QUIET = IgnoredHealth.REPORTER;

    @Test
    void tunnelsCarryTheRemoteHostAndUplinksTheirPort() {
        List<HostLink> links = List.of(
                new HostLink(HostLink.Kind.TUNNEL, "vxif10002", "vxif10002", "10.0.0.2",
                        Map.of("tx_bytes", 100L, "rx_bytes", 50L, "tx_packets", 2L, "collisions", 0L), true),
                new HostLink(HostLink.Kind.TUNNEL, "vxif10009", "vxif10009", "10.0.0.9", Map.of(), false),
                new HostLink(HostLink.Kind.UPLINK, "eth3", "uplinkPort", "", Map.of("rx_dropped", 4L), true));
        String text = ExpositionText.text(HostLinkMetrics.snapshots(links, Map.of("10.0.0.2", "node2")));
        DocumentedMetrics.readme().assertDocuments(text);
        Map<String, Double> samples = ExpositionText.samples(text);
        assertThat(samples).containsExactlyInAnyOrderEntriesOf(Map.of(
                "contiv_tunnel_transmit_bytes_total{interface=\"vxif10002\",remote_host=\"node2\","
                        + "remote_vtep=\"10.0.0.2\"}", 100.0,
                "contiv_tunnel_receive_bytes_total{interface=\"vxif10002\",remote_host=\"node2\","
                        + "remote_vtep=\"10.0.0.2\"}", 50.0,
                "contiv_tunnel_transmit_packets_total{interface=\"vxif10002\",remote_host=\"node2\","
                        + "remote_vtep=\"10.0.0.2\"}", 2.0,
                "contiv_tunnel_link_up{interface=\"vxif10002\",remote_host=\"node2\",remote_vtep=\"10.0.0.2\"}", 1.0,
                // a VTEP no endpoint names: its host is unknown
                "contiv_tunnel_link_up{interface=\"vxif10009\",remote_host=\"\",remote_vtep=\"10.0.0.9\"}", 0.0,
                "contiv_uplink_receive_dropped_total{interface=\"eth3\",port=\"uplinkPort\"}", 4.0,
                "contiv_uplink_link_up{interface=\"eth3\",port=\"uplinkPort\"}", 1.0));
    }

    @Test
    void theCollectorRebuildsWhenLinksOrVtepOwnersChangeAndServesNothingWhileOvsdbFails() {
        AtomicReference<List<HostLink>> rows = new AtomicReference<>(List.of(
                new HostLink(HostLink.Kind.TUNNEL, "vxif10002", "vxif10002", "10.0.0.2", Map.of(), true)));
        PolledSource<List<HostLink>> source = new PolledSource<>(() -> {
            List<HostLink> now = rows.get();
            if (now == null) {
                throw new IllegalStateException("OVSDB down");
            }
            return now;
        }, QUIET, FirstAttempt.alone("ovsdb_tunnels", Duration.ZERO));
        MutableVteps vteps = new MutableVteps();
        TunnelCollector collector = new TunnelCollector(source, vteps);
        source.poll();
        assertThat(text(collector)).contains("remote_host=\"\"");
        long version = collector.publication().version();
        assertThat(collector.publication().version()).isEqualTo(version);

        vteps.set(Map.of("10.0.0.2", "node2"));
        assertThat(text(collector)).contains("remote_host=\"node2\"");

        rows.set(List.of());
        source.poll();
        assertThat(text(collector)).doesNotContain("vxif10002");

        rows.set(null);
        source.poll();
        assertThat(collector.publication().families()).isEmpty();
    }

    private static String text(TunnelCollector collector) {
        return ExpositionText.text(collector.publication().families());
    }

    private static final class MutableVteps implements VtepHosts {
        private Map<String, String> hosts = Map.of();
        private long version;

        void set(Map<String, String> fresh) {
            hosts = fresh;
            version++;
        }

        @Override
        public Map<String, String> hostsByVtep() {
            return hosts;
        }

        @Override
        public long version() {
            return version;
        }
    }
}
