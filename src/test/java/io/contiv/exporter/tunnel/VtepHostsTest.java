package io.contiv.exporter.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.etcd.DirectoryScan;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.WatchedDirectory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VtepHostsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventOfTheDirectoryNamesTheHostOfItsVtepWhileTheDirectoryDecidesWhatConcernsIt() throws Exception {
        // no scan: nothing is wanted here
        EtcdVtepHosts hosts = new EtcdVtepHosts(new DirectoryScan(List.of(URI.create("http://127.0.0.1:9")),
                HttpClient.newHttpClient(), Duration.ofSeconds(1), "/contiv.io/state/eps"), task -> {
                    throw new AssertionError("no scan expected");
                }, Duration.ZERO);
        List<String> asked = new ArrayList<>();
        WatchedDirectory watched = hosts.learningFrom(new OnlyKey("local", asked));
        assertThat(hosts.hostsByVtep()).isEmpty();

        assertThat(watched.concerns("a", set("a", "{\"id\":\"a\",\"homingHost\":\"node1\",\"vtepIP\":\"192.168.2.1\","
                + "\"labels\":{\"x\":\"y\"}}", null))).isFalse();
        assertThat(watched.concerns("local", set("local",
                "{\"id\":\"local\",\"vtepIP\":\"192.168.2.9\",\"homingHost\":\"here\"}", null))).isTrue();
        // no VTEP, an empty one, a value that is not JSON: nothing learned
        watched.concerns("c", set("c", "{\"id\":\"c\",\"homingHost\":\"node2\"}", null));
        watched.concerns("d", set("d", "{\"id\":\"d\",\"homingHost\":\"node2\",\"vtepIP\":\"\"}", null));
        watched.concerns("e", set("e", "not json", null));
        assertThat(hosts.hostsByVtep()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "192.168.2.1", "node1", "192.168.2.9", "here"));
        assertThat(asked).containsExactly("a", "local", "c", "d", "e");
        long version = hosts.version();

        // the same owner again changes nothing; a delete names the host through the state it removed
        watched.concerns("a", set("a", "{\"id\":\"a\",\"homingHost\":\"node1\",\"vtepIP\":\"192.168.2.1\"}", null));
        assertThat(hosts.version()).isEqualTo(version);
        watched.concerns("f", delete("f", "{\"id\":\"f\",\"homingHost\":\"node3\",\"vtepIP\":\"192.168.2.3\"}"));
        // an address taken over by another host
        watched.concerns("g", set("g", "{\"id\":\"g\",\"homingHost\":\"node4\",\"vtepIP\":\"192.168.2.1\"}",
                "{\"id\":\"g\",\"homingHost\":\"node4\",\"vtepIP\":\"192.168.2.1\"}"));
        assertThat(hosts.hostsByVtep()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "192.168.2.1", "node4", "192.168.2.3", "node3", "192.168.2.9", "here"));
        assertThat(hosts.version()).isGreaterThan(version);
    }

    @Test
    void anEtcdThatCannotBeReadIsScannedAgainLaterNotOnEveryBuild() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AtomicInteger scans = new AtomicInteger();
        EtcdVtepHosts hosts = new EtcdVtepHosts(new DirectoryScan(
                List.of(URI.create("http://127.0.0.1:" + closedPort)), HttpClient.newHttpClient(),
                Duration.ofSeconds(1), "/contiv.io/state/eps"), task -> {
                    scans.incrementAndGet();
                    task.run();
                }, Duration.ofSeconds(1));
        hosts.wanted(Set.of("192.168.2.2"));
        hosts.wanted(Set.of("192.168.2.2"));
        assertThat(scans).hasValue(1);
        assertThat(hosts.hostsByVtep()).isEmpty();
        // named by the watch meanwhile: nothing left to scan for
        hosts.learn(set("b", "{\"id\":\"b\",\"homingHost\":\"node2\",\"vtepIP\":\"192.168.2.2\"}", null));
        hosts.wanted(Set.of("192.168.2.2"));
        assertThat(hosts.hostsByVtep()).containsExactly(Map.entry("192.168.2.2", "node2"));
        assertThat(scans).hasValue(1);
    }

    /** A watch event as etcd v2 sends it: the stored value is a JSON string inside the event. */
    private static byte[] set(String name, String value, String previous) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("action", "set");
        event.putObject("node").put("key", "/contiv.io/state/eps/" + name).put("value", value)
                .put("modifiedIndex", 12).put("createdIndex", 12);
        if (previous != null) {
            event.putObject("prevNode").put("key", "/contiv.io/state/eps/" + name).put("value", previous)
                    .put("modifiedIndex", 11).put("createdIndex", 11);
        }
        return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] delete(String name, String previous) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("action", "delete");
        event.putObject("node").put("key", "/contiv.io/state/eps/" + name).put("modifiedIndex", 13);
        event.putObject("prevNode").put("key", "/contiv.io/state/eps/" + name).put("value", previous)
                .put("modifiedIndex", 12);
        return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }

    /** A directory that holds one key, and notes each key it was asked about. */
    private record OnlyKey(String key, List<String> asked) implements WatchedDirectory {
        @Override
        public boolean concerns(String name, byte[] rawEvent) {
            asked.add(name);
            return name.equals(key);
        }

        @Override
        public void changed(String name, String value, long modifiedIndex) {
        }

        @Override
        public void resync(KeyReader reader, long etcdIndex) {
        }

        @Override
        public void pending(KeyReader reader) {
        }

        @Override
        public void failed(Exception cause) {
        }
    }
}
