/**
 * Signaling: the server that registers nodes (assigning ActrId serials and issuing Ed25519-signed credentials
 * that bind each node's public key), keeps them alive with heartbeats, answers discovery by ActrType with
 * candidates and their WebSocket addresses, relays WebRTC negotiation between registered peers, and serves its
 * signing keys (rotated with an overlap window); and the node-side client that registers, renews, discovers and
 * relays, reconnecting with backoff (to the next instance of a cluster, keeping its id). Both speak
 * {@code SignalingEnvelope} (actr/signaling.proto) in WebSocket binary frames over Netty. A server is one instance
 * by itself ({@code LocalBackplane}) or one of a cluster sharing registrations, serials, relays and signing keys over
 * NATS JetStream ({@code NatsBackplane}, docs/SIGNALING-CLUSTER.md).
 *
 * <p>Data flow position: beside the data path. It gives lanes their identity (credential, node key), peers'
 * signing keys and addresses ({@code dev.actr.lanes.session}, {@code dev.actr.lanes.websocket}); no actor frame
 * crosses it.
 */
package dev.actr.lanes.signaling;
