/**
 * The node's live counters, beside the data flow: the system counters and per-route latency live in Agrona counters
 * over a memory-mapped {@code counters.dat} in the node's directory (in memory without one), so that another
 * process ({@code actr stat}) can read them while the node runs, as Aeron's {@code AeronStat} reads a media driver's.
 */
package dev.actr.engine.internal.counters;
