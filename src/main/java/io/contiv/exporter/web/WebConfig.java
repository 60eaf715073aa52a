package io.contiv.exporter.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The web configuration file, key for key as Prometheus' exporter-toolkit defines it (docs/web-configuration.md).
 * Every field may be absent. {@link WebConfigLoader} reads it strictly (an unknown key is an error) and
 * {@link WebSettings} checks and resolves it.
 */
public record WebConfig(
        @JsonProperty("tls_server_config") Tls tlsServerConfig,
        @JsonProperty("http_server_config") Http httpServerConfig,
        @JsonProperty("basic_auth_users") Map<String, String> basicAuthUsers,
        @JsonProperty("rate_limit") RateLimit rateLimit) {

    public record Tls(
            @JsonProperty("cert") String cert,
            @JsonProperty("key") String key,
            @JsonProperty("client_ca") String clientCa,
            @JsonProperty("cert_file") String certFile,
            @JsonProperty("key_file") String keyFile,
            @JsonProperty("client_auth_type") String clientAuthType,
            @JsonProperty("client_ca_file") String clientCaFile,
            @JsonProperty("client_allowed_sans") List<String> clientAllowedSans,
            @JsonProperty("min_version") String minVersion,
            @JsonProperty("max_version") String maxVersion,
            @JsonProperty("cipher_suites") List<String> cipherSuites,
            @JsonProperty("prefer_server_cipher_suites") Boolean preferServerCipherSuites,
            @JsonProperty("curve_preferences") List<String> curvePreferences) {
    }

    public record Http(
            @JsonProperty("http2") Boolean http2,
            @JsonProperty("headers") Map<String, String> headers) {
    }

    public record RateLimit(
            @JsonProperty("interval") String interval,
            @JsonProperty("burst") Integer burst) {
    }
}
