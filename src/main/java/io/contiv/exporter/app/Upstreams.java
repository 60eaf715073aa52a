package io.contiv.exporter.app;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.tls.ClientTls;
import io.contiv.exporter.tls.ClientTlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * How the exporter reaches its upstreams: one HTTP client for etcd and one for netmaster (each with its own TLS
 * files when it speaks https), and the OVSDB address with its TLS files for {@code ssl:}. Without https anywhere,
 * etcd and netmaster share one plain client. Options that cannot work stop the exporter at start; TLS files given
 * for an upstream that does not speak TLS are named in a warning.
 */
final class Upstreams {

    private static final Logger LOG = ExporterLogs.logger(Upstreams.class);

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

    /**
     * What cannot work in these options' TLS files, one line each, for the check of all options before anything
     * starts (the constructor refuses the same). A malformed --ovsdb is its own option's problem, not one here.
     */
    static List<String> problems(ExporterOptions options) {
        List<String> problems = new ArrayList<>();
        List<Supplier<ClientTlsFiles>> upstreams = List.of(options::etcdTls, options::ovsdbTls,
                options::netmasterTls);
        for (Supplier<ClientTlsFiles> files : upstreams) {
            try {
                files.get();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (options.mode() == Mode.NETPLUGIN) {
            try {
                sslProblem(OvsdbAddress.parse(options.ovsdb()), options.ovsdbTls()).ifPresent(problems::add);
            } catch (IllegalArgumentException e) {
                // a malformed address or unpaired files: reported already, by --ovsdb's check or just above
            }
        }
        return problems;
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
        sslProblem(address, files).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return address.securedBy(new ClientTls(files));
    }

    private static Optional<String> sslProblem(OvsdbAddress address, ClientTlsFiles files) {
        return address.ssl() && (!files.ca().given() || !files.certificate().given())
                ? Optional.of("--ovsdb " + address + " needs --ovsdb.private-key, --ovsdb.certificate and "
                        + "--ovsdb.ca-cert (as ovs-vsctl needs -p, -c and -C)")
                : Optional.empty();
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
