package io.contiv.exporter.vswitchd;

import io.contiv.exporter.unixctl.DatapathStatus;
import java.util.List;
import java.util.Map;

/**
 * One reading of ovs-vswitchd's control socket: every datapath ({@code dpctl/show}), the total of every coverage event
 * hit since it started ({@code coverage/show}), and what it holds by kind ({@code memory/show}).
 */
public record VswitchdReading(List<DatapathStatus> datapaths, Map<String, Long> coverage, Map<String, Long> memory) {

    public VswitchdReading {
        datapaths = List.copyOf(datapaths);
        coverage = Map.copyOf(coverage);
        memory = Map.copyOf(memory);
    }
}
