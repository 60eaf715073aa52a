package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;
import java.util.List;
import java.util.Map;

/** Reads the policy table of each Contiv bridge on this node. */
public interface PolicyTableReader {

    /** The tables read, and why each of the others could not be. */
    record Reading(Map<String, List<FlowStats>> tables, Map<String, Exception> failures) {
        public Reading {
            tables = Map.copyOf(tables);
            failures = Map.copyOf(failures);
        }
    }

    Reading read();
}
