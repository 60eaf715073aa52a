package io.contiv.exporter.bench;

import java.util.List;

/** Everything the cluster-scale bench measured. */
record ClusterScaleFigures(
        int endpoints,
        int hosts,
        int localEndpoints,
        int networks,
        long stateBytes,
        long directoryBytes,
        Node node,
        NetmasterMode netmasterMode) {

    /** One node's exporter, default configuration (etcd given). */
    record Node(
            String loadBefore,
            String loadAfter,
            double startMillis,
            long startBytes,
            long startConnections,
            int tunnels,
            double tunnelsNamedMillis,
            long tunnelsNamedBytes,
            double idleCpuShare,
            long rewrites,
            double churnSeconds,
            double churnCpuShare,
            long churnBytes,
            List<Double> renameMillis,
            List<Double> createMillis,
            List<Double> deleteMillis,
            ExporterJvm.Heap heap,
            long netmasterBytes,
            long netmasterRequests,
            double minutes,
            List<String> warnings) {
    }

    /** The cluster's netmaster-mode exporter. */
    record NetmasterMode(
            String loadBefore,
            String loadAfter,
            double countedMillis,
            long refreshRounds,
            double seconds,
            double cpuSeconds,
            long bytes,
            ExporterJvm.Heap heap,
            boolean aliveAndCounting,
            List<String> warnings) {
    }
}
