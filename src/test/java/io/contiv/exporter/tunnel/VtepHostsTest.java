package io.contiv.exporter.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VtepHostsTest {

    @Test
    void etcdEndpointStateNamesTheHostOfEachVtepAndFollowsChanges() {
        EtcdVtepHosts hosts = new EtcdVtepHosts();
        assertThat(hosts.hostsByVtep()).isEmpty();
        hosts.accept(new EtcdDirectoryWatch.Contents(Map.of(
                "/contiv.io/state/eps/a", "{\"id\":\"a\",\"endpointID\":\"a1\",\"homingHost\":\"node1\","
                        + "\"vtepIP\":\"192.168.2.1\",\"unknownField\":[1]}",
                "/contiv.io/state/eps/b", "{\"id\":\"b\",\"homingHost\":\"node2\",\"vtepIP\":\"192.168.2.2\"}",
                "/contiv.io/state/eps/c", "{\"id\":\"c\",\"homingHost\":\"node2\"}",
                "/contiv.io/state/eps/d", "not json"), 7));
        assertThat(hosts.hostsByVtep()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "192.168.2.1", "node1", "192.168.2.2", "node2"));
        long version = hosts.version();

        hosts.accept(new EtcdDirectoryWatch.Contents(Map.of(
                "/contiv.io/state/eps/b", "{\"id\":\"b\",\"homingHost\":\"node3\",\"vtepIP\":\"192.168.2.3\"}"), 8));
        assertThat(hosts.hostsByVtep()).containsExactly(Map.entry("192.168.2.3", "node3"));
        assertThat(hosts.version()).isGreaterThan(version);
    }
}
