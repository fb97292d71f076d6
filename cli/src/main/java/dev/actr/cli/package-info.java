/**
 * The {@code actr} command (picocli): {@code version}, {@code journal stats|dump|effects|replay|repair}, {@code stat} (a
 * node's live counters from another process), {@code signaling} and {@code bench}. Sits at the end of the module
 * graph and only wires the other modules together; {@code ./actr} at the repository root builds and starts it with
 * the JVM flags it needs.
 */
package dev.actr.cli;
