package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * How the options choose the TLS of each upstream, and the combinations refused at start, like every wrong option:
 * exit 2, one line naming the problem, then the pointer to --help.
 */
class UpstreamsTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void anSslOvsdbAddressNeedsKeyCertificateAndCa() {
        assertThat(run("once", "--netmaster", "127.0.0.1:1", "--ovsdb", "ssl:127.0.0.1:6640",
                "--ovsdb.ca-cert", "/etc/ovs/ca.crt")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("contiv-exporter: --ovsdb ssl:127.0.0.1:6640 needs "
                + "--ovsdb.private-key, --ovsdb.certificate and --ovsdb.ca-cert (as ovs-vsctl needs -p, -c and -C)",
                "contiv-exporter: see 'contiv-exporter once --help'");
    }

    @Test
    void aCertificateNeedsItsKey() {
        assertThat(run("once", "--etcd", "https://127.0.0.1:2379", "--etcd.cert", "/etc/etcd/client.crt"))
                .isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("contiv-exporter: --etcd.cert needs --etcd.key as well",
                "contiv-exporter: see 'contiv-exporter once --help'");

        err.getBuffer().setLength(0);
        assertThat(run("once", "--netmaster", "127.0.0.1:1", "--ovsdb", "ssl:127.0.0.1:6640",
                "--ovsdb.ca-cert", "ca.crt", "--ovsdb.private-key", "client.key")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "contiv-exporter: --ovsdb.private-key needs --ovsdb.certificate as well",
                "contiv-exporter: see 'contiv-exporter once --help'");
    }

    @Test
    void eachUpstreamSpeakingHttpsGetsAClientOfItsOwnAndPlainOnesShareOne() {
        Upstreams plain = Upstreams.of(ExporterOptions.parse("--etcd", "http://127.0.0.1:2379", "--netmaster",
                "127.0.0.1:9999", "--etcd.cacert", "/etc/etcd/ca.crt"));
        assertThat(plain.etcd()).isSameAs(plain.netmaster());
        assertThat(plain.ovsdb().tls()).isNull();

        Upstreams secured = Upstreams.of(ExporterOptions.parse("--etcd", "http://10.0.0.1:2379,https://127.0.0.1:2379",
                "--netmaster", "https://127.0.0.1:9999", "--ovsdb", "ssl:127.0.0.1:6640", "--ovsdb.ca-cert", "ca.crt",
                "--ovsdb.certificate", "client.crt", "--ovsdb.private-key", "client.key"));
        assertThat(secured.etcd()).isNotSameAs(secured.netmaster());
        assertThat(secured.etcd().sslContext()).isNotSameAs(secured.netmaster().sslContext());
        assertThat(secured.ovsdb().tls().files().certificate().path()).hasToString("client.crt");
    }
}
