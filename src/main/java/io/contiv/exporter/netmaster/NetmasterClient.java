package io.contiv.exporter.netmaster;

import io.contiv.exporter.BoundedHttp;
import io.contiv.exporter.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Netmaster's REST API, the GETs the exporter needs. One instance may talk to any netmaster address. */
public final class NetmasterClient {

    /** What netmaster's endpoint inspect answers (with HTTP 500) when no endpoint matches. */
    public static final String ENDPOINT_NOT_FOUND = "endpoint not found";

    private final HttpClient http;
    private final NetmasterJson json;
    private final Duration timeout;

    public NetmasterClient(HttpClient http, NetmasterJson json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    public List<Network> networks(String leader) throws NetmasterException {
        String url = base(leader) + "/api/v1/networks/";
        return json.networks(get(url), url);
    }

    public NetworkInspect inspectNetwork(String leader, String networkKey) throws NetmasterException {
        String url = base(leader) + "/api/v1/inspect/networks/" + encodePathSegment(networkKey) + "/";
        return json.inspect(get(url), url);
    }

    /**
     * One endpoint, by its ID: {@code /api/v1/inspect/endpoints/<id>/}. Netmaster answers an unknown endpoint with
     * HTTP 500 and the text {@value #ENDPOINT_NOT_FOUND}, which becomes a {@link NetmasterNotFoundException}.
     */
    public EndpointOper inspectEndpoint(String leader, String endpointId) throws NetmasterException {
        String url = base(leader) + "/api/v1/inspect/endpoints/" + encodePathSegment(endpointId) + "/";
        return json.endpointInspect(get(url), url);
    }

    public List<Tenant> tenants(String leader) throws NetmasterException {
        String url = base(leader) + "/api/v1/tenants/";
        return json.tenants(get(url), url);
    }

    public List<EndpointGroup> endpointGroups(String leader) throws NetmasterException {
        String url = base(leader) + "/api/v1/endpointGroups/";
        return json.endpointGroups(get(url), url);
    }

    private static boolean startsWith(byte[] body, String text) {
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        return body.length >= expected.length
                && java.util.Arrays.equals(body, 0, expected.length, expected, 0, expected.length);
    }

    static String encodePathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String base(String leader) {
        return leader.startsWith("http://") || leader.startsWith("https://") ? leader : "http://" + leader;
    }

    private byte[] get(String url) throws NetmasterException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("Accept", "application/json").build();
        } catch (IllegalArgumentException e) {
            throw new NetmasterException("invalid netmaster URL " + url + ": " + e.getMessage());
        }
        try {
            HttpResponse<byte[]> response = BoundedHttp.send(http, request);
            if (response.statusCode() == 404) {
                throw new NetmasterNotFoundException("GET " + url + " answered HTTP 404");
            }
            if (response.statusCode() == 500 && startsWith(response.body(), ENDPOINT_NOT_FOUND)) {
                throw new NetmasterNotFoundException("GET " + url + ": " + ENDPOINT_NOT_FOUND);
            }
            if (response.statusCode() != 200) {
                throw new NetmasterException("GET " + url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetmasterException("interrupted during GET " + url);
        } catch (IOException e) {
            if (e instanceof NetmasterException n) {
                throw n;
            }
            throw new NetmasterException("GET " + url + " failed: " + Failures.describe(e), e);
        }
    }
}
