/**
 * The peer session: the one connection lifecycle (connect, authenticate, ready, closing, closed) that every
 * network lane runs before it reports a peer connected. Both sides present their signaling credential and sign
 * the other side's fresh nonce with the node key that credential binds (proof of possession); identity comes
 * from a verified credential, never from a bare header. Pure code, no transport: the WebSocket lane and the
 * WebRTC lane feed it the handshake messages they carry.
 *
 * <p>Data flow position: between a lane's transport (bytes of a new connection) and
 * {@link dev.actr.lanes.LaneIngress#onConnected}; credentials come from {@code dev.actr.lanes.signaling}.
 */
package dev.actr.lanes.session;
