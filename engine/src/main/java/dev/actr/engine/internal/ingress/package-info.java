/**
 * Ingress: the Disruptor multi-producer ring into which host threads and network lanes publish frames and
 * connection events ({@code RingLaneIngress} is the lanes' {@code LaneIngress}), and the engine's own queue of frames
 * for local targets. The engine thread polls both.
 *
 * <p>Data flow position: host and lanes, then ingress, then router.
 */
package dev.actr.engine.internal.ingress;
