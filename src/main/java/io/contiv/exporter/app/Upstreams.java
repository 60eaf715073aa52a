package io.contiv.exporter.app;

import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.tls.ClientTls;
import io.contiv.exporter.tls.ClientTlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the exporter reaches its upstreams: one HTTP client for etcd and one for netmaster (each with its own TLS
 * files when it speaks https), and the OVSDB address with its TLS files for {@code ssl:}. Without https anywhere,
 * etcd and netmaster share one plain client. Options that cannot work stop the exporter at start; TLS files given
 * for an upstream that does not speak TLS are named in a warning.
 */
final class Upstreams {

    private static final Logger LOG = LoggerFactory.getLogger(Upstreams.class);

    private final ExporterOptions options;
    private HttpClient plain;
    private final HttpClient etcd;
    private final HttpClient netmaster;
    private final OvsdbAddress ovsdb;

    private Upstreams(ExporterOptions options) {
        this.options = options;
        this.etcd = httpClient(options.etcdTls(), options.etcd() != null && etcdSpeaksTls(options.etcd()),
                "--etcd has no https:// endpoint");
        this.netmaster = httpClient(options.netmasterTls(), options.netmaster() != null
                && options.netmaster().toLowerCase(Locale.ROOT).startsWith("https://"),
                "--netmaster is not https://HOST:PORT");
        this.ovsdb = options.mode() == Mode.NETPLUGIN ? ovsdbAddress(options) : null;
    }

    static Upstreams of(ExporterOptions options) {
        return new Upstreams(options);
    }

    HttpClient etcd() {
        return etcd;
    }

    HttpClient netmaster() {
        return netmaster;
    }

    /** The OVSDB address to read (netplugin mode), with its TLS files when it is {@code ssl:}. */
    OvsdbAddress ovsdb() {
        return ovsdb;
    }

    private static OvsdbAddress ovsdbAddress(ExporterOptions options) {
        OvsdbAddress address = OvsdbAddress.parse(options.ovsdb());
        ClientTlsFiles files = options.ovsdbTls();
        if (!address.ssl()) {
            unused(files, "--ovsdb " + address + " is not ssl:HOST:PORT");
            return address;
        }
        if (!files.ca().given() || !files.certificate().given()) {
            throw new IllegalArgumentException("--ovsdb " + address + " needs --ovsdb.private-key, "
                    + "--ovsdb.certificate and --ovsdb.ca-cert (as ovs-vsctl needs -p, -c and -C)");
        }
        return address.securedBy(new ClientTls(files));
    }

    private HttpClient httpClient(ClientTlsFiles files, boolean speaksTls, String whyUnused) {
        if (!speaksTls) {
            unused(files, whyUnused);
            if (plain == null) {
                plain = builder(options).build();
            }
            return plain;
        }
        return new ClientTls(files).httpClient(builder(options));
    }

    private static boolean etcdSpeaksTls(String endpoints) {
        List<URI> parsed = EtcdEndpoints.parse(endpoints);
        return parsed.stream().anyMatch(uri -> uri.getScheme().equals("https"));
    }

    private static void unused(ClientTlsFiles files, String why) {
        if (files.any()) {
            LOG.warn("{} TLS files not used: {}", files.upstream(), why);
        }
    }

    private static HttpClient.Builder builder(ExporterOptions options) {
        return HttpClient.newBuilder().connectTimeout(options.sourceTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
    }
}
