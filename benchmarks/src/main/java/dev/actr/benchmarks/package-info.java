/**
 * JMH benchmarks of every actr path, each against a named baseline measured in the same run. Run with
 * {@code benchmarks/bench <regex> -prof gc}; results are kept under {@code benchmarks/results/}.
 */
package dev.actr.benchmarks;
