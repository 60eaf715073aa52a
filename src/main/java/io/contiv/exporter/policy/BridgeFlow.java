package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;

/** A flow of the policy table, and the bridge it was read from. */
public record BridgeFlow(String bridge, FlowStats flow) {
}
