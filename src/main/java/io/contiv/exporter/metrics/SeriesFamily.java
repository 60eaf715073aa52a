package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * A family whose points are some of the label sets of a {@link SeriesLabels}, each with a value, in label order:
 * what changes from one version to the next is the values, held as a {@code double[]}, not a data point object
 * per series. The client library's snapshot of it is made only when asked for.
 */
public final class SeriesFamily implements PublishedFamily {

    private final MetricFamily family;
    private final SeriesLabels labels;
    private final int[] points;
    private final double[] values;

    /**
     * {@code points} are indexes into {@code labels}, ascending, and {@code values} their values; both are owned by
     * this family from now on.
     */
    public SeriesFamily(MetricFamily family, SeriesLabels labels, int[] points, double[] values) {
        if (points.length != values.length) {
            throw new IllegalArgumentException(points.length + " points but " + values.length + " values");
        }
        for (int i = 1; i < points.length; i++) {
            if (points[i - 1] >= points[i]) {
                throw new IllegalArgumentException("points out of label order at " + i);
            }
        }
        this.family = family;
        this.labels = labels;
        this.points = points;
        this.values = values;
    }

    public MetricFamily family() {
        return family;
    }

    public SeriesLabels labels() {
        return labels;
    }

    /** How many points the family has. */
    public int size() {
        return points.length;
    }

    /** Which label set the {@code i}-th point has. */
    public int labelsOf(int i) {
        return points[i];
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public String prometheusName() {
        return family.prometheusName();
    }

    @Override
    public MetricSnapshot snapshot() {
        Families families = new Families();
        families.declare(family);
        for (int i = 0; i < points.length; i++) {
            families.add(family, labels.labels(points[i]).labels(), values[i]);
        }
        return families.build().get(0);
    }
}
