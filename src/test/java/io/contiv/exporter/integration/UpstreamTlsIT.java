package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import io.contiv.exporter.support.ReferenceNetmaster;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.support.Scrape;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.TestPki;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A hardened cluster: a real etcd that serves clients over https only to certificates of its CA
 * ({@code --client-cert-auth}), and a real ovsdb-server on a {@code pssl:} remote with certificates of its own CA,
 * every certificate made by openssl here. The exporter reads both with the files its options name, is refused with
 * a certificate of another CA (source down, one log line naming the file and why), and takes renewed files on the
 * next connection without a restart. Netmaster behind HTTPS is trusted through the CA file given.
 */
class UpstreamTlsIT {

    private static final String VVPORT4_ID = "89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71";
    private static final String VVPORT4 = "{container=\"pod-1-0-0\",endpoint_group=\"epg1-0-0\",host=\"node1\","
            + "interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void readsEtcdAndOvsdbWithClientCertificatesIsRefusedWithAnotherCaAndTakesRenewedFiles() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        try (TestPki pki = TestPki.empty()) {
            pki.ca("etcd-ca");
            pki.server("etcd-server", "etcd-ca");
            pki.client("etcd-fixture", "etcd-ca", "fixture");
            pki.client("etcd-exporter", "etcd-ca", "contiv-exporter");
            pki.ca("ovs-ca");
            pki.server("ovsdb-server", "ovs-ca");
            pki.client("ovsdb-exporter", "ovs-ca", "contiv-exporter");
            pki.ca("other-ca");
            pki.client("stranger", "other-ca", "stranger");
            // the files the exporter is given, rewritten in place as cert-manager renews them; first of the wrong CA
            pki.replace("etcd-client", "stranger");
            pki.replace("ovsdb-client", "stranger");

            try (RealEtcd etcd = RealEtcd.start(RealEtcd.ClientTls.from(pki, "etcd-ca", "etcd-server", "etcd-fixture"));
                 RealOvsdbServer ovsdb = RealOvsdbServer.start(RealOvsdbServer.Ssl.from(pki, "ovs-ca", "ovsdb-server"))) {
                assertThat(etcd.endpoint()).startsWith("https://");
                ovsdb.addBridge("contivVxlanBridge");
                for (OvsInterface row : ReferenceData.interfaces()) {
                    ovsdb.addInterface("contivVxlanBridge", row.name(), row.externalIds(), row.statistics());
                }
                // netmaster writes a network's state before its endpoints': the exporter looks endpoints up by network
                etcd.putV2("/contiv.io/state/nets/net1-0.tenant1", "{\"id\":\"net1-0.tenant1\"}");
                etcd.putV2("/contiv.io/state/eps/net1-0.tenant1-89463e85759c", EtcdMetadataIT.state(VVPORT4_ID,
                        "net1-0.tenant1", "epg1-0-0", "pod-1-0-0", "node1"));

                try (ExporterProcess exporter = ExporterProcess.start("--mode", "netplugin",
                        "--metadata-source", "etcd", "--etcd", etcd.endpoint(), "--node.name", "node1",
                        "--etcd.cacert", pki.path("etcd-ca.crt"), "--etcd.cert", pki.path("etcd-client.crt"),
                        "--etcd.key", pki.path("etcd-client.key"),
                        "--ovsdb", ovsdb.sslAddress(), "--ovsdb.ca-cert", pki.path("ovs-ca.crt"),
                        "--ovsdb.certificate", pki.path("ovsdb-client.crt"),
                        "--ovsdb.private-key", pki.path("ovsdb-client.key"))) {
                    Scrape refused = exporter.scrapeUntil(s -> s.up("etcd_endpoints") == 0.0 && s.up("ovsdb") == 0.0,
                            WAIT);
                    assertThat(refused.up("etcd_endpoints")).isEqualTo(0.0);
                    assertThat(refused.up("ovsdb")).isEqualTo(0.0);
                    List<String> failed = exporter.logLinesSince(0).stream()
                            .filter(line -> line.contains(" failed: ")).toList();
                    assertThat(failed).filteredOn(line -> line.contains("etcd_endpoints failed: ")).singleElement()
                            .asString()
                            .contains("etcd at 127.0.0.1:" + etcd.clientPort() + " refused the client certificate "
                                    + "--etcd.cert " + pki.path("etcd-client.crt")
                                    + " (CN=stranger, issued by CN=other-ca, valid until ")
                            .contains("the server accepts certificates issued by CN=etcd-ca only");
                    assertThat(failed).filteredOn(line -> line.contains("ovsdb failed: ")).singleElement()
                            .asString()
                            .contains("OVSDB at 127.0.0.1:" + ovsdb.sslAddress().split(":")[2]
                                    + " refused the client certificate --ovsdb.certificate "
                                    + pki.path("ovsdb-client.crt") + " (CN=stranger, issued by CN=other-ca, ")
                            .contains("the server accepts certificates issued by CN=ovs-ca only");

                    // renewed, right this time: the next reconnect, no restart, brings both up
                    int renewal = exporter.logMark();
                    pki.replace("etcd-client", "etcd-exporter");
                    pki.replace("ovsdb-client", "ovsdb-exporter");
                    String transmitted = "contiv_endpoint_transmit_bytes_total" + VVPORT4;
                    Scrape up = exporter.scrapeUntil(s -> s.up("etcd_endpoints") == 1.0 && s.up("ovsdb") == 1.0
                            && s.value(transmitted) == 674996843.0, WAIT);
                    assertThat(up.up("etcd_endpoints")).isEqualTo(1.0);
                    assertThat(up.up("ovsdb")).isEqualTo(1.0);
                    assertThat(up.value(transmitted)).isEqualTo(674996843.0);
                    assertThat(exporter.logLinesSince(renewal)).filteredOn(line -> line.contains("TLS files changed"))
                            .anyMatch(line -> line.contains("etcd TLS files changed; new connections use them "
                                    + "(--etcd.cert " + pki.path("etcd-client.crt") + ": CN=contiv-exporter, "
                                    + "issued by CN=etcd-ca, valid until "))
                            .anyMatch(line -> line.contains("OVSDB TLS files changed; new connections use them "
                                    + "(--ovsdb.certificate " + pki.path("ovsdb-client.crt") + ": CN=contiv-exporter, "
                                    + "issued by CN=ovs-ca, valid until "));

                    // renewed with the other CA's certificate again: used from the next connection on, which the
                    // servers refuse (the restarts alone would only make the exporter reconnect)
                    pki.replace("etcd-client", "stranger");
                    pki.replace("ovsdb-client", "stranger");
                    int secondRenewal = exporter.logMark();
                    long etcdLog = Files.size(etcd.logFile());
                    long ovsdbLog = Files.size(ovsdb.logFile());
                    etcd.restart();
                    ovsdb.restart();
                    Scrape refusedAgain = exporter.scrapeUntil(s -> s.up("etcd_endpoints") == 0.0
                            && s.up("ovsdb") == 0.0, WAIT);
                    assertThat(refusedAgain.up("etcd_endpoints")).isEqualTo(0.0);
                    assertThat(refusedAgain.up("ovsdb")).isEqualTo(0.0);
                    assertThat(awaitLog(etcd.logFile(), etcdLog, "certificate signed by unknown authority"))
                            .contains("rejected connection");
                    assertThat(awaitLog(ovsdb.logFile(), ovsdbLog, "certificate verify failed"))
                            .contains("SSL_accept");
                    assertThat(exporter.scrape().up("etcd_endpoints")).isEqualTo(0.0);
                    assertThat(exporter.scrape().up("ovsdb")).isEqualTo(0.0);
                    // the sources' health names what ended their connections; the refusal is logged once apart
                    List<String> renewedRefused = awaitLines(exporter, secondRenewal,
                            "TLS files changed; with the new ones: ", 2);
                    assertThat(renewedRefused).filteredOn(line -> line.contains("etcd TLS")).singleElement()
                            .asString().contains("refused the client certificate --etcd.cert "
                                    + pki.path("etcd-client.crt") + " (CN=stranger, issued by CN=other-ca, ");
                    assertThat(renewedRefused).filteredOn(line -> line.contains("OVSDB TLS")).singleElement()
                            .asString().contains("refused the client certificate --ovsdb.certificate "
                                    + pki.path("ovsdb-client.crt") + " (CN=stranger, issued by CN=other-ca, ");
                }
            }
        }
    }

    @Test
    void readsNetmasterOverHttpsTrustingTheGivenCa() throws Exception {
        try (TestPki pki = TestPki.empty()) {
            pki.ca("netmaster-ca");
            pki.server("netmaster", "netmaster-ca");
            HttpsServer netmaster = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            netmaster.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext("netmaster", null)));
            Map<String, byte[]> bodies = ReferenceNetmaster.bodies();
            netmaster.createContext("/", exchange -> {
                byte[] body = bodies.get(exchange.getRequestURI().getRawPath());
                exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body == null ? new byte[0] : body);
                }
            });
            netmaster.start();
            String address = "https://127.0.0.1:" + netmaster.getAddress().getPort();
            // generous timeouts: the JDK's test server does its TLS handshakes on one thread
            try (RunningExporter trusting = RunningExporter.start("--mode", "netmaster", "--netmaster", address,
                    "--netmaster.cacert", pki.path("netmaster-ca.crt"), "--source.timeout", "10s",
                    "--netmaster.refresh-interval", "1s")) {
                Map<String, Double> read = ExpositionText.samples(trusting.scrapeUntil(
                        body -> body.contains("contiv_tenants "), WAIT));
                assertThat(read).containsEntry("contiv_exporter_source_up{source=\"netmaster\"}", 1.0)
                        .containsEntry("contiv_tenants", 2.0);
            }
            // the system's CAs do not vouch for a private CA
            try (RunningExporter doubting = RunningExporter.start("--mode", "netmaster", "--netmaster", address,
                    "--source.timeout", "10s", "--netmaster.refresh-interval", "1s")) {
                Map<String, Double> refused = ExpositionText.samples(doubting.scrapeUntil(
                        body -> body.contains("contiv_exporter_source_up{source=\"netmaster\"} 0"), WAIT));
                assertThat(refused).containsEntry("contiv_exporter_source_up{source=\"netmaster\"}", 0.0)
                        .doesNotContainKey("contiv_tenants");
            } finally {
                netmaster.stop(0);
            }
        }
    }

    /** The first line the server logged past {@code offset} that holds {@code text}, waiting for it a while. */
    private static String awaitLog(Path file, long offset, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            byte[] log = Files.readAllBytes(file);
            String since = new String(log, (int) Math.min(offset, log.length), (int) Math.max(0, log.length - offset),
                    StandardCharsets.UTF_8);
            Optional<String> line = since.lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent() || System.nanoTime() > deadline) {
                return line.orElse("nothing with '" + text + "' in " + file + " since offset " + offset);
            }
            Thread.sleep(100);
        }
    }

    /** The exporter's log lines past {@code mark} that hold {@code text}, waiting a while for {@code count}. */
    private static List<String> awaitLines(ExporterProcess exporter, int mark, String text, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> lines = exporter.logLinesSince(mark).stream().filter(line -> line.contains(text)).toList();
            if (lines.size() >= count || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(100);
        }
    }
}
