/**
 * The {@code actr} command: the entry point a user runs (version, and later the demo, the journal tools and
 * the signaling server). Sits at the end of the module graph and only wires the other modules together.
 */
package dev.actr.cli;
