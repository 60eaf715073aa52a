package io.contiv.exporter.simulation.http;

import java.util.Map;

/**
 * A request as the stand-ins see it.
 *
 * @param path  the decoded path ({@code %3A} already turned into {@code :})
 * @param query decoded query parameters (the last value wins)
 */
public record SimulatedRequest(String method, String path, Map<String, String> query) {

    public SimulatedRequest {
        query = Map.copyOf(query);
    }

    public boolean flag(String name) {
        return "true".equals(query.get(name));
    }
}
