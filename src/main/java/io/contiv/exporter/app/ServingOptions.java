package io.contiv.exporter.app;

import io.contiv.exporter.http.ListenAddress;
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

    private WebSecurity webSecurity;

    /** The web configuration file, loaded: a file that does not load is a problem like a wrong option. */
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
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
}
