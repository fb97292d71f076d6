/**
 * The WebSocket lane: one Netty server per node and the connections it dials to peers, carrying every payload
 * type on one connection in binary messages of {@code [payload_type u8][length u32 BE][payload]}. Each connection
 * first runs the peer session handshake ({@code dev.actr.lanes.session}); only then is it reported connected and
 * do lane frames flow. Keep-alive pings and RTT stay inside the lane; flow control is by channel writability
 * outbound and by pausing reads inbound.
 *
 * <p>Data flow position: peer sockets below; {@link dev.actr.lanes.LaneIngress} (the engine's ring) above for
 * what arrives; {@link dev.actr.lanes.Lane#send} from the engine thread for what leaves.
 */
package dev.actr.lanes.websocket;
