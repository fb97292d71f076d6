package dev.actr.benchmarks.chart;

import java.util.Objects;

/**
 * One case of the chart: a lane group, a label, and its p50, p99 and p99.9 latency in µs. Immutable.
 */
final class LatencyCase
{
    private final String group;
    private final String label;
    private final double p50Us;
    private final double p99Us;
    private final double p999Us;

    /**
     * @param group  the lane group it is drawn in ({@link BenchResults#IN_PROCESS}, ...).
     * @param label  the case's name on the chart.
     * @param p50Us  median, µs.
     * @param p99Us  99th percentile, µs.
     * @param p999Us 99.9th percentile, µs.
     */
    public LatencyCase(final String group, final String label, final double p50Us, final double p99Us,
        final double p999Us)
    {
        this.group = Objects.requireNonNull(group, "group");
        this.label = Objects.requireNonNull(label, "label");
        this.p50Us = p50Us;
        this.p99Us = p99Us;
        this.p999Us = p999Us;
    }

    /**
     * @return the lane group.
     */
    public String group()
    {
        return group;
    }

    /**
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return median, µs.
     */
    public double p50Us()
    {
        return p50Us;
    }

    /**
     * @return 99th percentile, µs.
     */
    public double p99Us()
    {
        return p99Us;
    }

    /**
     * @return 99.9th percentile, µs.
     */
    public double p999Us()
    {
        return p999Us;
    }

    @Override
    public String toString()
    {
        return group + " / " + label + ": p50 " + p50Us + ", p99 " + p99Us + ", p99.9 " + p999Us + " µs";
    }
}
