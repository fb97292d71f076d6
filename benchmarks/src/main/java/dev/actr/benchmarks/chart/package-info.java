/**
 * The latency chart of a benchmark suite's results, drawn after the run from what it saved: JMH's {@code jmh.json}
 * (the {@code scorePercentiles} of every SampleTime case) and the open-loop probe's {@code open-loop.json}, read by
 * {@link dev.actr.benchmarks.chart.BenchResults} into latency cases grouped by lane, drawn by
 * {@link dev.actr.benchmarks.chart.BenchChart} (JFreeChart: p50 / p99 / p99.9 per case, log scale, µs) and written
 * as a PNG by {@link dev.actr.benchmarks.chart.BenchChartMain} ({@code benchmarks/bench --chart},
 * {@code actr bench --chart}). The last step of the suite; nothing here measures anything.
 */
package dev.actr.benchmarks.chart;
