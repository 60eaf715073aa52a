package io.contiv.exporter.app;

import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.metrics.TenantFilter;
import io.contiv.exporter.ovsdb.OvsdbConnection;
import io.contiv.exporter.tls.ClientTlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options shared by {@code serve} and {@code once}; each can also come from the environment variable named.
 * Each option's own rule sits on its declaration ({@link Bounds} on every duration and number, {@link Checked} on
 * addresses); rules across options are in {@link #problems()}. Options of {@code serve} alone are in
 * {@link ServingOptions}.
 */
public final class ExporterOptions implements OptionRules {

    @Option(names = "--mode", paramLabel = "netplugin|netmaster", defaultValue = "${env:EXPORTER_MODE:-netplugin}",
            description = "What to export: per-endpoint traffic on this node, or the cluster inventory. "
                    + "[env EXPORTER_MODE, default ${DEFAULT-VALUE}]")
    Mode mode;

    @Option(names = "--etcd", paramLabel = "URL[,URL...]", defaultValue = "${env:CONTIV_ETCD}",
            description = "etcd endpoints holding the netmaster leader key, written http://host:port, "
                    + "https://host:port, etcd://host:port or host:port. [env CONTIV_ETCD]")
    @Checked(ValueChecks.EtcdEndpointList.class)
    String etcd;

    @Option(names = "--netmaster", paramLabel = "HOST:PORT", defaultValue = "${env:CONTIV_NETMASTER}",
            description = "Netmaster's REST address, HOST:PORT or https://HOST:PORT; when given, etcd is not asked. "
                    + "[env CONTIV_NETMASTER]")
    @Checked(ValueChecks.NetmasterAddress.class)
    String netmaster;

    @Option(names = "--ovsdb", paramLabel = "tcp:HOST:PORT|ssl:HOST:PORT|unix:PATH",
            defaultValue = "${env:OVSDB_ADDRESS:-tcp:127.0.0.1:6640}",
            description = "OVSDB server to read interfaces from (netplugin mode). "
                    + "[env OVSDB_ADDRESS, default ${DEFAULT-VALUE}]")
    @Checked(ValueChecks.OvsdbTarget.class)
    String ovsdb;

    @Option(names = "--ovsdb.probe-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How often to send OVSDB an echo to find out that it stopped answering (it then gets "
                    + "--source.timeout to answer). [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "1h")
    Duration ovsdbProbeInterval;

    @Option(names = "--ovsdb.max-message-bytes", paramLabel = "BYTES",
            description = "The largest OVSDB message accepted; a larger one drops the connection. A message and its "
                    + "parse must fit the heap: raise the heap with it. [default ${DEFAULT-VALUE} (16 MiB)]")
    @Bounds(min = "1024", max = "1073741824")
    int ovsdbMaxMessageBytes = OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(names = "--metric-names", paramLabel = "prometheus|legacy", defaultValue = "prometheus",
            description = "Conventional Prometheus names, or exactly the original exporter's names and labels. "
                    + "[default ${DEFAULT-VALUE}]")
    MetricNaming metricNames;

    @Option(names = "--source.timeout", paramLabel = "DURATION", defaultValue = "3s",
            converter = DurationConverter.class,
            description = "Timeout of one request to etcd, netmaster or OVSDB. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "5m")
    Duration sourceTimeout;

    @Option(names = "--netmaster.refresh-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How often to read netmaster in the background; scrapes never wait for it. "
                    + "[default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "24h")
    Duration netmasterRefreshInterval;

    @Option(names = "--metadata-source", paramLabel = "etcd|netmaster",
            description = "Netplugin mode: where the metadata of this node's endpoints comes from: netmaster's "
                    + "endpoint state in etcd (watched, netmaster never asked), or netmaster's REST API (each endpoint "
                    + "this node lacks, asked once). [default etcd when --etcd is given, else netmaster]")
    MetadataSource metadataSource;

    @Option(names = "--node.name", paramLabel = "NAME", defaultValue = "${env:NODE_NAME}",
            description = "This node's name as netmaster writes it in homingHost, to find endpoints OVS lacks. "
                    + "[env NODE_NAME, default the host name]")
    String nodeName;

    @Option(names = "--ovs.rundir", paramLabel = "DIR", defaultValue = "${env:OVS_RUNDIR:-/var/run/openvswitch}",
            description = "Open vSwitch's run directory, where each bridge's <bridge>.mgmt socket is. "
                    + "[env OVS_RUNDIR, default ${DEFAULT-VALUE}]")
    Path ovsRunDirectory;

    // TLS to the upstreams: etcd (etcdctl's option names), OVSDB (ovs-vsctl's -p, -c, -C), netmaster

    @Option(names = "--etcd.cacert", paramLabel = "FILE", defaultValue = "${env:CONTIV_ETCD_CACERT}",
            description = "CA certificates (PEM) that vouch for https:// etcd endpoints; the system's CAs when not "
                    + "given. [env CONTIV_ETCD_CACERT]")
    String etcdCaCert;

    @Option(names = "--etcd.cert", paramLabel = "FILE", defaultValue = "${env:CONTIV_ETCD_CERT}",
            description = "Client certificate (PEM) presented to https:// etcd endpoints, with --etcd.key; read "
                    + "again at every new connection. [env CONTIV_ETCD_CERT]")
    String etcdCert;

    @Option(names = "--etcd.key", paramLabel = "FILE", defaultValue = "${env:CONTIV_ETCD_KEY}",
            description = "Private key of --etcd.cert (PEM: PKCS#8, PKCS#1 RSA or SEC 1 EC, unencrypted). "
                    + "[env CONTIV_ETCD_KEY]")
    String etcdKey;

    @Option(names = "--ovsdb.private-key", paramLabel = "FILE", defaultValue = "${env:OVSDB_PRIVATE_KEY}",
            description = "With an ssl: --ovsdb address: the private key of --ovsdb.certificate (PEM), as "
                    + "ovs-vsctl's -p. [env OVSDB_PRIVATE_KEY]")
    String ovsdbPrivateKey;

    @Option(names = "--ovsdb.certificate", paramLabel = "FILE", defaultValue = "${env:OVSDB_CERTIFICATE}",
            description = "With an ssl: --ovsdb address: the certificate presented to the OVSDB server (PEM), as "
                    + "ovs-vsctl's -c; read again at every new connection. [env OVSDB_CERTIFICATE]")
    String ovsdbCertificate;

    @Option(names = "--ovsdb.ca-cert", paramLabel = "FILE", defaultValue = "${env:OVSDB_CA_CERT}",
            description = "With an ssl: --ovsdb address: the CA certificate that vouches for the OVSDB server (PEM), "
                    + "as ovs-vsctl's -C. [env OVSDB_CA_CERT]")
    String ovsdbCaCert;

    @Option(names = "--netmaster.cacert", paramLabel = "FILE", defaultValue = "${env:CONTIV_NETMASTER_CACERT}",
            description = "CA certificates (PEM) that vouch for an https:// --netmaster; the system's CAs when not "
                    + "given. [env CONTIV_NETMASTER_CACERT]")
    String netmasterCaCert;

    /** The files of etcd's TLS; an error when a certificate comes without its key or the other way round. */
    public ClientTlsFiles etcdTls() {
        return new ClientTlsFiles("etcd", ClientTlsFiles.File.of("--etcd.cacert", etcdCaCert),
                ClientTlsFiles.File.of("--etcd.cert", etcdCert), ClientTlsFiles.File.of("--etcd.key", etcdKey));
    }

    public ClientTlsFiles ovsdbTls() {
        return new ClientTlsFiles("OVSDB", ClientTlsFiles.File.of("--ovsdb.ca-cert", ovsdbCaCert),
                ClientTlsFiles.File.of("--ovsdb.certificate", ovsdbCertificate),
                ClientTlsFiles.File.of("--ovsdb.private-key", ovsdbPrivateKey));
    }

    public ClientTlsFiles netmasterTls() {
        return new ClientTlsFiles("netmaster", ClientTlsFiles.File.of("--netmaster.cacert", netmasterCaCert),
                ClientTlsFiles.File.NONE, ClientTlsFiles.File.NONE);
    }

    /** Options as the command line would give them, environment defaults included; refused with every problem. */
    public static ExporterOptions parse(String... args) {
        ExporterOptions options = new ExporterOptions();
        OptionProblems.parse(options, args);
        return options;
    }

    /**
     * The rules across options: what the chosen metadata source and collectors need (where netmaster is, among
     * others), which TLS files go together, and a tenant filter that compiles.
     */
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (mode == Mode.NETPLUGIN && metadataSource == MetadataSource.ETCD && etcd() == null) {
            problems.add("--metadata-source etcd needs --etcd (or CONTIV_ETCD)");
        }
        problems.addAll(CollectorSelection.problems(this));
        problems.addAll(Upstreams.problems(this));
        try {
            tenantFilter();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    public Mode mode() {
        return mode;
    }

    public String etcd() {
        return blankToNull(etcd);
    }

    public String netmaster() {
        return blankToNull(netmaster);
    }

    public String ovsdb() {
        return ovsdb;
    }

    public Duration ovsdbProbeInterval() {
        return ovsdbProbeInterval;
    }

    public int ovsdbMaxMessageBytes() {
        return ovsdbMaxMessageBytes;
    }

    public MetricNaming metricNames() {
        return metricNames;
    }

    public Duration sourceTimeout() {
        return sourceTimeout;
    }

    public Duration netmasterRefreshInterval() {
        return netmasterRefreshInterval;
    }

    /** As given, else etcd when etcd is known: then netmaster is not asked at all. */
    public MetadataSource metadataSource() {
        if (metadataSource != null) {
            return metadataSource;
        }
        return etcd() != null ? MetadataSource.ETCD : MetadataSource.NETMASTER;
    }

    /** The node name given, else the host name: what netmaster records as an endpoint's homingHost. */
    public String nodeName() {
        if (blankToNull(nodeName) != null) {
            return nodeName.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "";
        }
    }

    public Path ovsRunDirectory() {
        return ovsRunDirectory;
    }

    // ---------------------------------------------------------------- collectors, and what they serve

    private final CollectorSwitches collectors = new CollectorSwitches();

    /** {@code --collector.<name>} and {@code --no-collector.<name>} for every collector, on this command itself. */
    @Spec(Spec.Target.SELF)
    void addCollectorSwitches(CommandSpec self) {
        collectors.addOptionsTo(self);
    }

    /** The same flags on a command these options are mixed into ({@code serve}, {@code once}). */
    @Spec(Spec.Target.MIXEE)
    void addCollectorSwitchesToMixee(CommandSpec mixee) {
        collectors.addOptionsTo(mixee);
    }

    @Option(names = "--ovs.poll-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Netplugin mode: how often the vswitchd, tables and tunnels collectors read the switch "
                    + "(ovs-vswitchd rewrites interface statistics every 5 s). [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "1h")
    Duration ovsPollInterval;

    @Option(names = "--collector.endpoint.statistics", paramLabel = "KEY[,KEY...]", split = ",",
            description = "The OVS interface statistics to export per endpoint, by OVS key (switch's view: rx_bytes "
                    + "is what the container sent), e.g. rx_bytes,tx_bytes,rx_packets,tx_packets; empty for none. "
                    + "[default: all that OVS reports]")
    List<String> endpointStatistics;

    @Option(names = "--tenant.include", paramLabel = "REGEX",
            description = "Netplugin mode: serve per-endpoint and per-policy-rule series only of tenants whose whole "
                    + "name matches. [default: every tenant]")
    String tenantInclude;

    @Option(names = "--tenant.exclude", paramLabel = "REGEX",
            description = "Netplugin mode: serve no per-endpoint or per-policy-rule series of tenants whose whole "
                    + "name matches (applied after --tenant.include). [default: none]")
    String tenantExclude;

    /** Which collectors were switched on or off on the command line. */
    public CollectorSwitches collectors() {
        return collectors;
    }

    public Duration ovsPollInterval() {
        return ovsPollInterval;
    }

    /** The OVS statistics to export per endpoint; empty when the option was not given (all of them). */
    public Optional<Set<String>> endpointStatistics() {
        if (endpointStatistics == null) {
            return Optional.empty();
        }
        return Optional.of(endpointStatistics.stream().map(String::trim).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The tenants whose series are served; an invalid expression is an {@link IllegalArgumentException}. */
    public TenantFilter tenantFilter() {
        return TenantFilter.of(blankToNull(tenantInclude), blankToNull(tenantExclude));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
