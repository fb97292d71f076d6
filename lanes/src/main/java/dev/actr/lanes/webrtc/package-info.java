/**
 * The WebRTC DataChannel lane (webrtc-java): one peer connection per peer, one DataChannel per payload type
 * (labels {@code RPC_RELIABLE}, {@code RPC_SIGNAL}, {@code STREAM_RELIABLE}, ordered and reliable;
 * {@code STREAM_LATENCY_FIRST}, unordered with limited retransmits) plus an {@code ACTR_CONTROL} channel for the
 * peer-session handshake, keep-alive pings and close notices. Messages larger than one DataChannel message are cut
 * into 8-byte-header fragments ({@code dev.actr.codec.fragment}).
 *
 * <p>Data flow position: outbound, the engine thread calls {@link dev.actr.lanes.webrtc.WebRtcLane#send}, which
 * fragments into the channel under a {@code bufferedAmount} watermark; inbound, the native callback thread
 * reassembles and publishes whole frames into the node's {@link dev.actr.lanes.LaneIngress}. Offers, answers and
 * ICE candidates travel as {@code ActrRelay} messages through a {@link dev.actr.lanes.webrtc.RelayChannel} (the
 * signaling client); a {@link dev.actr.lanes.webrtc.PeerAuthenticator} decides when a connection is ready. A
 * ready connection whose transport breaks, or whose peer falls silent, recovers by ICE restarts within a bounded
 * budget (sends fail with {@code NOT_CONNECTED} meanwhile) or is reported disconnected.
 */
package dev.actr.lanes.webrtc;
