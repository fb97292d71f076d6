/**
 * The engine's internals (not API): the node assembly that wires the parts, the engine clock, deadline arithmetic,
 * correlation id layout, run counting and the handler watchdog. Subpackages follow the data flow.
 */
package dev.actr.engine.internal;
