/**
 * Lanes carry actr frames between nodes: in-process, WebSocket (Netty) and WebRTC DataChannel. A lane's I/O
 * thread decodes inbound bytes with {@code dev.actr.codec} and publishes whole frames into the engine's ring;
 * outbound, a lane proxy frames and sends what the scheduler emits. Netty and webrtc-java stay in this module.
 *
 * <p>Data flow position: bytes on the wire, then lanes, then the engine's ingress ring.
 */
package dev.actr.lanes;
