/**
 * Egress: turns what actors do (call, tell, reply, chunk) into encoded frames and sends them — to the engine's own
 * queue for local targets, on a lane for peers — holding replies for a group commit when asked.
 *
 * <p>Data flow position: actors, then egress, then a lane (or, locally, back into ingress).
 */
package dev.actr.engine.internal.egress;
