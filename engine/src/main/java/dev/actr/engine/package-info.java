/**
 * The actr engine's embedding API: a node is configured with a {@link dev.actr.engine.NodeContext}, launched with
 * {@link dev.actr.engine.ActrNode#launch(dev.actr.engine.NodeContext)} and driven from the host through
 * {@link dev.actr.engine.HostClient}. Inside, the data flow follows the packages: {@code ingress} (Disruptor ring)
 * → {@code router} → {@code pending} | {@code mailbox} | {@code stream} → {@code scheduler} (the one engine
 * thread) → {@code actor} → {@code egress} (back into a lane).
 */
package dev.actr.engine;
