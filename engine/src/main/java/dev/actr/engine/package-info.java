/**
 * The actr engine's embedding API: a node is configured with a {@link dev.actr.engine.NodeContext}, launched with
 * {@link dev.actr.engine.ActrNode#launch(dev.actr.engine.NodeContext)} and driven from the host through
 * {@link dev.actr.engine.HostClient}; actors are written against {@code dev.actr.engine.actor} and a node's journal is
 * replayed with {@code dev.actr.engine.replay}. Everything under {@code dev.actr.engine.internal} is the engine's
 * own and may change without notice; the data flow follows its packages: {@code ingress} (Disruptor ring, local
 * frames) → {@code router} → {@code pending} | mailbox | {@code stream} → {@code scheduler} (the one engine thread)
 * → actors → {@code egress} → a lane or back into {@code ingress}.
 */
package dev.actr.engine;
