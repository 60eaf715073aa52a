package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;

/** A rule joined to its flow on one bridge. */
public record RuleFlow(PolicyRule rule, String bridge, FlowStats flow) {
}
