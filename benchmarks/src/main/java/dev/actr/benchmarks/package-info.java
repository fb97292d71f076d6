/**
 * JMH benchmarks of every actr path, each against a named baseline measured in the same run, and the probes (plain
 * mains) for what JMH does not measure well: idle CPU, allocation by thread, priority under overload, open-loop
 * latency at fixed rates. The comparison suite runs actr beside Apache Pekko typed (a benchmarks-only dependency).
 * Run with {@code benchmarks/bench <regex> -prof gc}, or the whole suite with {@code benchmarks/bench --quick} /
 * {@code --suite}; see {@code benchmarks/README.md}. Results are kept under {@code benchmarks/results/}.
 */
package dev.actr.benchmarks;
