/**
 * A node's network in one piece: registration with the signaling service, the WebSocket lane, an optional WebRTC
 * lane (its SDP and ICE relayed through signaling, its connections authenticated by the shared peer session), the
 * choice of lane per peer, and discovery by type.
 *
 * <p>Data flow position: the node's lanes; the engine sees it as one lane plus its discovery.
 */
package dev.actr.lanes.network;
