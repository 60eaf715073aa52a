package io.contiv.exporter.app;

import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.ServerSettings;
import io.contiv.exporter.web.WebConfigException;
import io.contiv.exporter.web.WebSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code serve} alone: where and how it serves, and how long a scrape may take. {@code once} prints
 * instead of serving, so its help does not list them.
 */
public final class ServingOptions implements OptionRules {

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT",
            description = "Where to serve metrics. [default :9004 in netplugin mode, :9005 in netmaster mode]")
    @Checked(ValueChecks.Listen.class)
    String listenAddress;

    @Option(names = "--web.telemetry-path", paramLabel = "PATH", defaultValue = "/metrics",
            description = "Path under which to expose metrics. [default ${DEFAULT-VALUE}]")
    String telemetryPath;

    @Option(names = "--web.config.file", paramLabel = "PATH",
            description = "Web configuration in the format of Prometheus' exporter-toolkit: TLS (certificate, key, "
                    + "client CA), basic auth users with bcrypt hashes, response headers. Read again when it changes.")
    String webConfigFile;

    @Option(names = "--scrape.timeout", paramLabel = "DURATION", defaultValue = "4s",
            converter = DurationConverter.class,
            description = "A scrape answers within this time with what is known, even while sources are slow or "
                    + "still starting. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "500ms", max = "5m")
    Duration scrapeTimeout;

    // ---- what one HTTP client may hold of the server (http.ServerSettings)

    @Option(names = "--web.read-header-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "A new connection must send a complete request head (after the TLS handshake) within "
                    + "this, or it is closed. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "5m")
    Duration webReadHeaderTimeout;

    @Option(names = "--web.idle-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "A kept-alive connection must send its next request head within this after a response, "
                    + "or it is closed. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "1h")
    Duration webIdleTimeout;

    @Option(names = "--web.write-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "A response, scrape included, must be read by the client within this after its request, "
                    + "or the connection is closed; longer than --scrape.timeout. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "1h")
    Duration webWriteTimeout;

    @Option(names = "--web.max-connections", paramLabel = "N", defaultValue = "512",
            description = "Open connections at most (and the listen backlog); past it, the oldest connection "
                    + "that is not being answered is closed. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "8", max = "65536")
    int webMaxConnections;

    private WebSecurity webSecurity;

    /**
     * The write timeout must leave a scrape room to finish; the web configuration file is loaded, and one that does
     * not load is a problem like a wrong option.
     */
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (webWriteTimeout != null && scrapeTimeout != null && webWriteTimeout.compareTo(scrapeTimeout) <= 0) {
            problems.add("--web.write-timeout " + DurationConverter.format(webWriteTimeout) + " must be longer than "
                    + "--scrape.timeout " + DurationConverter.format(scrapeTimeout)
                    + ": it counts from the request, scrape included");
        }
        if (webConfigFile() != null) {
            try {
                webSecurity = WebSecurity.load(webConfigFile());
            } catch (WebConfigException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    public ListenAddress listenAddress(Mode mode) {
        return listenAddress == null || listenAddress.isBlank() ? new ListenAddress("", mode.defaultPort())
                : ListenAddress.parse(listenAddress.trim());
    }

    public String telemetryPath() {
        return telemetryPath.startsWith("/") ? telemetryPath : "/" + telemetryPath;
    }

    /** The web configuration file, or null to serve plain HTTP to anyone. */
    public Path webConfigFile() {
        return webConfigFile == null || webConfigFile.isBlank() ? null : Path.of(webConfigFile.trim());
    }

    /** The web configuration, loaded when the options were checked (or now); null for plain HTTP to anyone. */
    public WebSecurity webSecurity() throws WebConfigException {
        if (webSecurity == null && webConfigFile() != null) {
            webSecurity = WebSecurity.load(webConfigFile());
        }
        return webSecurity;
    }

    public Duration scrapeTimeout() {
        return scrapeTimeout;
    }

    /** The bounds on what one HTTP client may hold of the server. */
    public ServerSettings serverSettings() {
        return new ServerSettings(webReadHeaderTimeout, webIdleTimeout, webWriteTimeout, webMaxConnections);
    }
}
