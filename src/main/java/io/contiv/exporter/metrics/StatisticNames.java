package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.Optional;

/**
 * Maps OVS {@code statistics} keys to metric names. OVS counts from the switch's side of the port, so its
 * {@code rx_} is what the container transmitted and its {@code tx_} what the container received.
 */
public final class StatisticNames {

    private static final String PREFIX = "contiv_endpoint_";

    private StatisticNames() {
    }

    /** The key as the container sees it: {@code rx_bytes} becomes {@code tx_bytes} and the reverse. */
    public static String containerViewKey(String ovsKey) {
        if (ovsKey.startsWith("rx_")) {
            return "tx_" + ovsKey.substring(3);
        }
        if (ovsKey.startsWith("tx_")) {
            return "rx_" + ovsKey.substring(3);
        }
        return ovsKey;
    }

    /** The counter's name without {@code _total}, or empty when no valid name can be made from the key. */
    public static Optional<String> counterName(String ovsKey) {
        String name;
        if (ovsKey.startsWith("rx_")) {
            name = PREFIX + "transmit_" + ovsKey.substring(3);
        } else if (ovsKey.startsWith("tx_")) {
            name = PREFIX + "receive_" + ovsKey.substring(3);
        } else {
            name = PREFIX + ovsKey;
        }
        return valid(PrometheusNaming.sanitizeMetricName(name));
    }

    /** The name the original exporter used: the key after the swap. */
    public static Optional<String> legacyName(String ovsKey) {
        return valid(PrometheusNaming.sanitizeMetricName(containerViewKey(ovsKey)));
    }

    public static String counterHelp(String ovsKey) {
        String direction = ovsKey.startsWith("rx_") ? "sent by the container"
                : ovsKey.startsWith("tx_") ? "received by the container" : "counted on the container's port";
        String what = ovsKey.startsWith("rx_") || ovsKey.startsWith("tx_") ? ovsKey.substring(3) : ovsKey;
        return what.replace('_', ' ') + " " + direction + " (OVS interface statistic " + ovsKey + ").";
    }

    private static Optional<String> valid(String name) {
        return PrometheusNaming.isValidMetricName(name) && PrometheusNaming.isValidLegacyMetricName(name)
                ? Optional.of(name) : Optional.empty();
    }
}
