package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.List;
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

    /** The statistics OVS reports for the interfaces netplugin creates; others may appear and are served too. */
    public static final List<String> KNOWN_KEYS = List.of("rx_bytes", "rx_packets", "rx_dropped", "rx_errors",
            "rx_crc_err", "rx_frame_err", "rx_over_err", "rx_missed_errors", "rx_multicast_packets", "tx_bytes",
            "tx_packets", "tx_dropped", "tx_errors", "collisions");

    /** The counter an OVS statistic is served in, with conventional names; empty when no valid name can be made. */
    public static Optional<MetricFamily> counterFamily(String ovsKey, List<String> labelNames) {
        return counterName(ovsKey).map(name -> MetricFamily.counter(name, counterHelp(ovsKey), labelNames));
    }

    /** The family an OVS statistic is served in under the original exporter's name. */
    public static Optional<MetricFamily> legacyFamily(String ovsKey, List<String> labelNames) {
        return legacyName(ovsKey).map(name -> MetricFamily.untyped(name, "OVS interface statistic " + ovsKey
                + " with rx and tx swapped to the container's view (legacy name).", labelNames));
    }

    /**
     * What an OVS statistic counts, in the container's view: {@code rx_dropped} is "Packets sent by the container
     * that were dropped (OVS interface statistic rx_dropped)."; a key not known here gets a neutral sentence.
     */
    public static String counterHelp(String ovsKey) {
        boolean sent = ovsKey.startsWith("rx_");
        boolean received = ovsKey.startsWith("tx_");
        String what = sent || received ? ovsKey.substring(3) : ovsKey;
        String traffic = sent ? "sent by the container" : "received by the container";
        String phrase = switch (what) {
            case "bytes" -> sent || received ? "Bytes " + traffic : null;
            case "packets" -> sent || received ? "Packets " + traffic : null;
            case "dropped" -> sent || received ? "Packets " + traffic + " that were dropped" : null;
            case "errors" -> sent || received ? "Packets " + traffic + " that had errors" : null;
            case "multicast_packets" -> sent || received ? "Multicast packets " + traffic : null;
            case "crc_err" -> sent ? "Packets sent by the container with a CRC error" : null;
            case "frame_err" -> sent ? "Packets sent by the container with a framing error" : null;
            case "over_err" -> sent ? "Packets sent by the container lost to an overrun" : null;
            case "missed_errors" -> sent ? "Packets sent by the container that the port missed" : null;
            case "collisions" -> sent || received ? null : "Collisions on the container's port";
            default -> null;
        };
        if (phrase == null) {
            phrase = sent || received ? "Counter " + what + " of the traffic " + traffic
                    : "Counter " + what + " of the container's port";
        }
        return phrase + " (OVS interface statistic " + ovsKey + ").";
    }

    private static Optional<String> valid(String name) {
        return PrometheusNaming.isValidMetricName(name) && PrometheusNaming.isValidLegacyMetricName(name)
                ? Optional.of(name) : Optional.empty();
    }
}
