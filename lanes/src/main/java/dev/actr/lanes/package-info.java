/**
 * Lanes carry actr frames between nodes. {@link dev.actr.lanes.Lane} is the contract every network lane keeps:
 * inbound, its threads publish received frames and connection events into the node's
 * {@link dev.actr.lanes.LaneIngress} (never touching engine state); outbound, the engine thread sends with return
 * codes (OK, BACK_PRESSURED, NOT_CONNECTED, CLOSED, OVERSIZE). Implementations: {@code inproc} (nodes of one JVM);
 * WebSocket and WebRTC lanes live in their own packages. Netty and webrtc-java stay in this module.
 *
 * <p>Data flow position: bytes on the wire, then lanes, then the engine's ingress ring; the engine's egress, then
 * lanes, then the wire.
 */
package dev.actr.lanes;
