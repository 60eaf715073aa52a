package io.contiv.exporter.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EtcdEndpointsTest {

    @Test
    void acceptsTheFormsContivManifestsUse() {
        assertThat(EtcdEndpoints.parse("http://10.0.0.5:6666, etcd://10.0.0.6:2379,10.0.0.7:2379/"))
                .containsExactly(URI.create("http://10.0.0.5:6666"), URI.create("http://10.0.0.6:2379"),
                        URI.create("http://10.0.0.7:2379"));
        assertThat(EtcdEndpoints.parse("https://etcd.local:2379")).containsExactly(URI.create("https://etcd.local:2379"));
    }

    @Test
    void rejectsWhatIsNotHostPort() {
        assertThatThrownBy(() -> EtcdEndpoints.parse("")).hasMessageContaining("no etcd endpoint");
        assertThatThrownBy(() -> EtcdEndpoints.parse("ftp://a:1")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> EtcdEndpoints.parse("http://a")).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> EtcdEndpoints.parse("http://a:1/v2")).hasMessageContaining("not host:port");
    }
}
