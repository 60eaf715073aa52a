package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Netmaster's answer to {@code GET /api/v1/inspect/endpoints/<key>/}: {@code {"Oper": EndpointOper}}, where
 * {@code Oper.key} echoes the key asked for. Netmaster returns the first endpoint whose endpointID, containerID or
 * container name contains the key.
 */
public record EndpointInspect(@JsonProperty("Oper") EndpointOper oper) {
}
