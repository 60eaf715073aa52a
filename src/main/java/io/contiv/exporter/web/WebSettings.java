package io.contiv.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A web configuration file checked and resolved into what the HTTP server needs. */
public record WebSettings(
        Path file,
        TlsSettings tls,
        Map<String, String> headers,
        Map<String, String> users,
        Duration rateLimitInterval,
        int rateLimitBurst,
        List<Path> files) {

    /** The response headers the toolkit lets a configuration set, with their allowed values (empty: any). */
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    public boolean tlsEnabled() {
        return tls != null;
    }

    public boolean clientCertificateRequired() {
        return tls != null && tls.clientAuth().need;
    }

    public boolean basicAuth() {
        return !users.isEmpty();
    }

    static WebSettings from(WebConfig config, Path file) throws WebConfigException {
        try {
            return resolve(config, file);
        } catch (WebConfigException e) {
            throw new WebConfigException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    private static WebSettings resolve(WebConfig config, Path file) throws WebConfigException {
        Path directory = file.toAbsolutePath().getParent();
        TlsSettings tls = TlsSettings.enabled(config.tlsServerConfig())
                ? TlsSettings.from(config.tlsServerConfig(), directory) : null;

        Map<String, String> headers = new LinkedHashMap<>();
        if (config.httpServerConfig() != null && config.httpServerConfig().headers() != null) {
            for (Map.Entry<String, String> header : config.httpServerConfig().headers().entrySet()) {
                String name = header.getKey();
                String value = header.getValue() == null ? "" : header.getValue();
                List<String> allowed = HEADERS.get(name);
                if (allowed == null) {
                    throw new WebConfigException("http_server_config.headers: HTTP header '" + name
                            + "' can not be configured; one of " + String.join(", ", HEADERS.keySet().stream()
                            .sorted().toList()));
                }
                if (!allowed.isEmpty() && !allowed.contains(value)) {
                    throw new WebConfigException("http_server_config.headers: invalid value for " + name
                            + ": '" + value + "'; one of " + String.join(", ", allowed));
                }
                if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw new WebConfigException("http_server_config.headers: " + name
                            + " holds a control character");
                }
                if (!value.isEmpty()) { // blank: unset, as in the toolkit
                    headers.put(name, value);
                }
            }
        }

        Map<String, String> users = new LinkedHashMap<>();
        if (config.basicAuthUsers() != null) {
            for (Map.Entry<String, String> user : config.basicAuthUsers().entrySet()) {
                String hash = user.getValue() == null ? "" : user.getValue();
                try {
                    BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalBCryptFormatException | RuntimeException e) {
                    throw new WebConfigException("basic_auth_users: the password of user '" + user.getKey()
                            + "' is not a bcrypt hash (htpasswd -nBC 10 \"\" | tr -d ':\\n' makes one)");
                }
                if (user.getKey().indexOf(':') >= 0) {
                    throw new WebConfigException("basic_auth_users: user name '" + user.getKey()
                            + "' holds a ':', which basic authentication cannot carry");
                }
                users.put(user.getKey(), hash);
            }
        }

        Duration interval = Duration.ZERO;
        int burst = 0;
        if (config.rateLimit() != null) {
            interval = goDuration(config.rateLimit().interval());
            burst = config.rateLimit().burst() == null ? 0 : config.rateLimit().burst();
            if (!interval.isZero() && burst < 1) {
                throw new WebConfigException("rate_limit.burst: must be at least 1 when rate_limit.interval is set");
            }
        }

        List<Path> files = new ArrayList<>();
        files.add(file);
        if (tls != null) {
            files.addAll(tls.files());
        }
        return new WebSettings(file, tls, Map.copyOf(headers), Map.copyOf(users), interval, burst,
                List.copyOf(files));
    }

    /** Go's time.ParseDuration for the units it has: "1s", "500ms", "1m30s", "0". */
    static Duration goDuration(String text) throws WebConfigException {
        if (text == null || text.isEmpty() || text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = GO_DURATION.matcher(text);
        long nanos = 0;
        int position = 0;
        while (matcher.find() && matcher.start() == position) {
            double value = Double.parseDouble(matcher.group(1));
            double unit = switch (matcher.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += (long) (value * unit);
            position = matcher.end();
        }
        if (position != text.length() || position == 0) {
            throw new WebConfigException("rate_limit.interval: '" + text + "' is not a duration such as 1s or 500ms");
        }
        return Duration.ofNanos(nanos);
    }
}
