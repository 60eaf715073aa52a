package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.LabelSet;
import io.contiv.exporter.metrics.SeriesLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of label set (the counters', the info metric's, the legacy names') for every joined endpoint, in the
 * order the client library sorts data points in, and which endpoint each label set belongs to. Two endpoints with
 * the same label set would be one series: the first of them in that order keeps it, as a family keeps the first
 * point added with given labels.
 */
record LabelTable(SeriesLabels labels, int[] endpointAt) {

    static LabelTable of(List<JoinedEndpoint> joined, Function<JoinedEndpoint, LabelSet> labelsOf) {
        record Labelled(int endpoint, LabelSet labels) {
        }
        List<Labelled> labelled = new ArrayList<>(joined.size());
        for (int i = 0; i < joined.size(); i++) {
            labelled.add(new Labelled(i, labelsOf.apply(joined.get(i))));
        }
        // stable: among equal label sets the endpoint joined first stays first
        labelled.sort(Comparator.comparing(Labelled::labels));
        List<LabelSet> distinct = new ArrayList<>(labelled.size());
        int[] endpointAt = new int[labelled.size()];
        for (Labelled one : labelled) {
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1).equals(one.labels())) {
                continue;
            }
            endpointAt[distinct.size()] = one.endpoint();
            distinct.add(one.labels());
        }
        return new LabelTable(SeriesLabels.ofSorted(distinct),
                distinct.size() == endpointAt.length ? endpointAt : java.util.Arrays.copyOf(endpointAt, distinct.size()));
    }

    int size() {
        return endpointAt.length;
    }
}
