package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

class OvsdbAddressTest {

    @Test
    void parsesTcpAndUnixAddresses() {
        InetSocketAddress tcp = (InetSocketAddress) OvsdbAddress.parse("tcp:127.0.0.1:6640").socketAddress();
        assertThat(tcp.getHostString()).isEqualTo("127.0.0.1");
        assertThat(tcp.getPort()).isEqualTo(6640);
        InetSocketAddress v6 = (InetSocketAddress) OvsdbAddress.parse("tcp:[::1]:6641").socketAddress();
        assertThat(v6.getHostString()).isEqualTo("::1");
        UnixDomainSocketAddress unix =
                (UnixDomainSocketAddress) OvsdbAddress.parse("unix:/var/run/openvswitch/db.sock").socketAddress();
        assertThat(unix.getPath().toString()).isEqualTo("/var/run/openvswitch/db.sock");
    }

    @Test
    void parsesSslAddressesAsOpenVswitchWritesThem() {
        OvsdbAddress ssl = OvsdbAddress.parse("ssl:10.0.0.5:6640");
        assertThat(ssl.ssl()).isTrue();
        assertThat(((InetSocketAddress) ssl.socketAddress()).getPort()).isEqualTo(6640);
        assertThat(ssl.tls()).isNull();
        assertThat(OvsdbAddress.parse("tcp:10.0.0.5:6640").ssl()).isFalse();
        assertThatThrownBy(() -> OvsdbAddress.parse("tcp:10.0.0.5:6640").securedBy(null))
                .hasMessageContaining("not ssl:HOST:PORT");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> OvsdbAddress.parse("127.0.0.1:6640")).hasMessageContaining("tcp:, ssl: or unix:");
        assertThatThrownBy(() -> OvsdbAddress.parse("tcp:127.0.0.1:99999")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> OvsdbAddress.parse("tcp:127.0.0.1")).hasMessageContaining("tcp:HOST:PORT");
        assertThatThrownBy(() -> OvsdbAddress.parse("unix:")).hasMessageContaining("no socket path");
        assertThatThrownBy(() -> OvsdbAddress.parse("ssl:127.0.0.1")).hasMessageContaining("ssl:HOST:PORT");
    }
}
