/**
 * Egress: turns what actors do (call, tell, reply, chunk) into encoded envelopes and hands them to a lane —
 * the in-process lane for the host and the actors of this node.
 *
 * <p>Data flow position: actors, then egress, then a lane (and, in-process, back into the ingress ring).
 */
package dev.actr.engine.egress;
