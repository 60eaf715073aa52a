package io.contiv.exporter.endpoint;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** A joined endpoint with the labels of its series. */
record LabelledEndpoint(JoinedEndpoint joined, Labels labels) {

    /**
     * The endpoints in the order the client library sorts data points in (by labels). Each family's snapshot sorts
     * its points again; points that arrive in order make that a single pass instead of a full sort per family.
     */
    static List<LabelledEndpoint> inLabelOrder(List<JoinedEndpoint> joined, Function<JoinedEndpoint, Labels> labels) {
        List<LabelledEndpoint> labelled = new ArrayList<>(joined.size());
        for (JoinedEndpoint endpoint : joined) {
            labelled.add(new LabelledEndpoint(endpoint, labels.apply(endpoint)));
        }
        labelled.sort(Comparator.comparing(LabelledEndpoint::labels));
        return labelled;
    }
}
